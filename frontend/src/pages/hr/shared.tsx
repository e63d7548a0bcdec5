/** What every HR sub-screen shares: the chosen unit and year, the period picker. */
import { useQuery } from "@apollo/client/react";
import { useState } from "react";
import { graphql } from "../../gql";
import { defineMessages, usePeriodLabel, useT } from "../../i18n";

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

const periodText = defineMessages({
  id: { period: "Periode", none: "Periode tahun {year} belum dibuat: buka tahunnya lebih dulu." },
  en: { period: "Period", none: "The periods of {year} do not exist yet: open the year first." },
});

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

