/** What every HR sub-screen shares: the chosen unit and year, period names, the period picker. */
import { useQuery } from "@apollo/client/react";
import { useState } from "react";
import { graphql } from "../../gql";
import { defineMessages, useT } from "../../i18n";

export interface HrScope {
  unitId: string;
  unitName: string;
  year: number;
}

export const HR_PERIODS = graphql(`
  query HrPeriods($year: Int!) {
    performancePeriods(year: $year) { id kind number startsOn endsOn }
  }
`);

const ROMAN = ["", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"];

const periodText = defineMessages({
  id: { MONTH: "Bulan {n}", QUARTER: "Triwulan {n}", SEMESTER: "Semester {n}", YEAR: "Tahunan", period: "Periode", none: "Periode tahun {year} belum dibuat: buka tahunnya lebih dulu." },
  en: { MONTH: "Month {n}", QUARTER: "Quarter {n}", SEMESTER: "Semester {n}", YEAR: "Annual", period: "Period", none: "The periods of {year} do not exist yet: open the year first." },
});

export function usePeriodLabel() {
  const t = useT(periodText);
  return (p: { kind: string; number: number }) =>
    t((p.kind in periodText.id ? p.kind : "YEAR") as "MONTH", { n: p.kind === "QUARTER" || p.kind === "SEMESTER" ? ROMAN[p.number] ?? p.number : p.number });
}

/** The period containing today, else the last one started, else the first. */
export function defaultPeriod<P extends { id: string; startsOn: string; endsOn: string; kind: string }>(periods: P[]): P | undefined {
  const today = new Date().toISOString().slice(0, 10);
  const current = periods.filter((p) => p.kind !== "YEAR" && p.startsOn <= today && today <= p.endsOn);
  if (current.length) return current[0];
  const started = periods.filter((p) => p.kind !== "YEAR" && p.startsOn <= today);
  return started[started.length - 1] ?? periods[0];
}

/** The periods of the year and the chosen one (by default the current period). */
export function usePeriodChoice(year: number) {
  const { data, loading, error, refetch } = useQuery(HR_PERIODS, { variables: { year } });
  const periods = data?.performancePeriods ?? [];
  const [chosen, setChosen] = useState<{ year: number; id: string }>({ year, id: "" });
  const periodId = (chosen.year === year && chosen.id) || defaultPeriod(periods)?.id || "";
  return {
    periods, loading: loading && !data, error, periodId, refetch,
    setPeriodId: (id: string) => setChosen({ year, id }),
    period: periods.find((p) => p.id === periodId),
  };
}

type Choice = ReturnType<typeof usePeriodChoice>;

/** A labelled period select. */
export function PeriodPicker({ id, year, choice }: { id: string; year: number; choice: Choice }) {
  const t = useT(periodText);
  const label = usePeriodLabel();
  if (choice.loading) return null;
  if (!choice.periods.length) return <p className="k-muted">{t("none", { year })}</p>;
  return (
    <div>
      <label htmlFor={id}>{t("period")}</label>
      <select id={id} value={choice.periodId} onChange={(e) => choice.setPeriodId(e.target.value)}>
        {choice.periods.map((p) => <option key={p.id} value={p.id}>{label(p)}</option>)}
      </select>
    </div>
  );
}

const orgRatingText = defineMessages({
  id: { ISTIMEWA: "Istimewa", BAIK: "Baik", BUTUH_PERBAIKAN: "Butuh Perbaikan", KURANG: "Kurang", SANGAT_KURANG: "Sangat Kurang" },
  en: { ISTIMEWA: "Outstanding", BAIK: "Good", BUTUH_PERBAIKAN: "Needs improvement", KURANG: "Poor", SANGAT_KURANG: "Very poor" },
});

export function useOrgRatingLabel() {
  const t = useT(orgRatingText);
  return (value: string | null | undefined) => (value && value in orgRatingText.id ? t(value as "BAIK") : value ?? "–");
}

