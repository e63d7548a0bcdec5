/** Predikat organisasi (R-ORG): the unit's organizational rating for a period. */
import { useMutation, useQuery } from "@apollo/client/react";
import { useState, type FormEvent } from "react";
import { ProblemBox } from "../../components/Status";
import { graphql } from "../../gql";
import type { OrgRating as Rating } from "../../gql/graphql";
import { defineMessages, useEnumLabel, usePeriodLabel, useT } from "../../i18n";
import { PeriodPicker, usePeriodChoice, type HrScope } from "./shared";

const HR_CURRENT_RATING = graphql(`
  query HrCurrentRating($unitId: ID!, $periodId: ID!) {
    distributionCheck(unitId: $unitId, periodId: $periodId) { orgRating }
  }
`);

const HR_SET_RATING = graphql(`
  mutation HrSetOrgRating($unitId: ID!, $periodId: ID!, $rating: OrgRating!) {
    setOrgRating(unitId: $unitId, periodId: $periodId, rating: $rating)
  }
`);

const RATINGS: Rating[] = ["ISTIMEWA", "BAIK", "BUTUH_PERBAIKAN", "KURANG", "SANGAT_KURANG"];

const text = defineMessages({
  id: {
    title: "Predikat organisasi", lead: "Capaian kinerja organisasi {unit} per periode; ditetapkan pimpinan unit induknya dan membatasi distribusi predikat pegawai (R-DIST).",
    current: "Predikat saat ini", unknown: "tidak dapat dilihat", notSet: "belum ditetapkan", rating: "Predikat",
    save: "Tetapkan", saving: "Menyimpan…", saved: "Predikat {unit} untuk {period}: {rating}.",
  },
  en: {
    title: "Organizational rating", lead: "The organizational performance of {unit} per period; set by the leader of its parent unit, it bounds the employees' predicate distribution (R-DIST).",
    current: "Current rating", unknown: "not visible to you", notSet: "not set", rating: "Rating",
    save: "Set", saving: "Saving…", saved: "{unit} for {period}: {rating}.",
  },
});

export default function OrgRating({ scope }: { scope: HrScope }) {
  const t = useT(text);
  const label = useEnumLabel();
  const periodLabel = usePeriodLabel();
  const choice = usePeriodChoice(scope.year);
  const current = useQuery(HR_CURRENT_RATING, { variables: { unitId: scope.unitId, periodId: choice.periodId }, skip: !choice.periodId });
  const [rating, setRating] = useState<Rating>("BAIK");
  const [done, setDone] = useState<string | null>(null);
  const [problem, setProblem] = useState<unknown>(null);
  const [save, saving] = useMutation(HR_SET_RATING, { refetchQueries: ["HrCurrentRating", "HrDistribution"] });

  async function submit(event: FormEvent) {
    event.preventDefault();
    setDone(null);
    setProblem(null);
    try {
      const result = await save({ variables: { unitId: scope.unitId, periodId: choice.periodId, rating } });
      const value = result.data?.setOrgRating;
      if (value && choice.period) setDone(t("saved", { unit: scope.unitName, period: periodLabel(choice.period), rating: label(value) }));
    } catch (e) {
      setProblem(e);
    }
  }

  const now = current.data?.distributionCheck.orgRating;
  return (
    <section aria-labelledby="hr-rating-title">
      <h2 id="hr-rating-title">{t("title")}</h2>
      <p className="k-muted">{t("lead", { unit: scope.unitName })}</p>
      <form className="k-card" onSubmit={submit}>
        <PeriodPicker id="hr-rating-period" year={scope.year} choice={choice} />
        {choice.periodId && (
          <p>
            {t("current")}: <strong data-testid="hr-current-rating">
              {current.error ? t("unknown") : current.data ? (now ? label(now) : t("notSet")) : "…"}
            </strong>
          </p>
        )}
        <label htmlFor="hr-rating">{t("rating")}</label>
        <select id="hr-rating" value={rating} onChange={(e) => setRating(e.target.value as Rating)}>
          {RATINGS.map((r) => <option key={r} value={r}>{label(r)}</option>)}
        </select>
        {problem != null && <ProblemBox error={problem} />}
        {done && <div className="k-alert k-alert-success" role="status">{done}</div>}
        <div className="hr-actions">
          <button type="submit" className="k-button k-primary" disabled={saving.loading || !choice.periodId}>
            {saving.loading ? t("saving") : t("save")}
          </button>
        </div>
      </form>
    </section>
  );
}
