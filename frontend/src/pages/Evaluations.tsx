/**
 * Evaluasi: the evaluations (periodic and annual) of my plan for a year, or of another plan I may
 * see (/evaluasi?plan=<id>, linked from Tim saya), by period, with their open tasks.
 */
import { useQuery } from "@apollo/client/react";
import { useState } from "react";
import { Link, useSearchParams } from "react-router";
import { Loading, Notice, ProblemBox, StatusBadge } from "../components/Status";
import { graphql } from "../gql";
import { defineMessages, formatDate, useEnumLabel, usePeriodLabel, useLanguage, useT } from "../i18n";
import "./MyPlan.css";

const MY_PLAN = graphql(`
  query EvaluationsMyPlan($year: Int!) {
    myPlan(year: $year) { id year status employee { id name } }
  }
`);

const PLAN = graphql(`
  query EvaluationsPlan($id: ID!) {
    performancePlan(id: $id) { id year status employee { id name } }
  }
`);

const LIST = graphql(`
  query EvaluationsList($planId: ID!) {
    evaluations(planId: $planId) {
      id status predicate resultRating behaviorRating finalizedAt
      period { id kind number startsOn endsOn }
      processInstance { id activeTasks { id name bpmnId } }
    }
  }
`);

const text = defineMessages({
  id: {
    title: "Evaluasi kinerja", titleOther: "Evaluasi kinerja {name}", year: "Tahun", noPlan: "Belum ada SKP untuk tahun {year}.",
    none: "Belum ada evaluasi. Evaluasi dibuka oleh pengelola kinerja setelah SKP ditetapkan.", period: "Periode", status: "Status",
    result: "Hasil kerja", behavior: "Perilaku kerja", predicate: "Predikat", tasks: "Tugas terbuka", open: "Buka evaluasi {period}",
    plan: "SKP", planStatus: "Status SKP: ", viewPlan: "Lihat SKP", caption: "Evaluasi per periode",
  },
  en: {
    title: "Performance evaluations", titleOther: "Performance evaluations of {name}", year: "Year", noPlan: "No SKP for {year} yet.",
    none: "No evaluations yet. The performance administrator opens them once the plan is approved.", period: "Period", status: "Status",
    result: "Results", behavior: "Behaviour", predicate: "Predicate", tasks: "Open tasks", open: "Open the {period} evaluation",
    plan: "SKP", planStatus: "Plan status: ", viewPlan: "View plan", caption: "Evaluations by period",
  },
});

export default function Evaluations() {
  const t = useT(text);
  const [params] = useSearchParams();
  const planParam = params.get("plan");
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(thisYear);
  const mine = useQuery(MY_PLAN, { variables: { year }, skip: Boolean(planParam) });
  const other = useQuery(PLAN, { variables: { id: planParam ?? "" }, skip: !planParam });
  const planQuery = planParam ? other : mine;
  const plan = planParam ? other.data?.performancePlan : mine.data?.myPlan;

  return (
    <>
      <div className="k-spread">
        <h1>{planParam && plan ? t("titleOther", { name: plan.employee.name }) : t("title")}</h1>
        {!planParam && (
          <div>
            <label htmlFor="evaluations-year">{t("year")}</label>
            <select id="evaluations-year" value={year} onChange={(e) => setYear(Number(e.target.value))}>
              {[thisYear - 2, thisYear - 1, thisYear, thisYear + 1].map((y) => <option key={y} value={y}>{y}</option>)}
            </select>
          </div>
        )}
      </div>
      {planQuery.loading && !plan && <Loading />}
      {planQuery.error && !plan && <ProblemBox error={planQuery.error} />}
      {!planParam && mine.data && !plan && <Notice>{t("noPlan", { year })}</Notice>}
      {plan && (
        <p className="k-row">
          <span>{t("planStatus")}</span><StatusBadge status={plan.status} />
          <Link to={planParam ? `/skp/${plan.id}` : "/skp"}>{t("viewPlan")}</Link>
        </p>
      )}
      {plan && <EvaluationList planId={plan.id} />}
    </>
  );
}

function EvaluationList({ planId }: { planId: string }) {
  const t = useT(text);
  const label = useEnumLabel();
  const periodLabel = usePeriodLabel();
  const { language } = useLanguage();
  const { data, error, loading } = useQuery(LIST, { variables: { planId } });
  if (loading && !data) return <Loading />;
  if (error && !data) return <ProblemBox error={error} />;
  const evaluations = data?.evaluations ?? [];
  if (evaluations.length === 0) return <Notice>{t("none")}</Notice>;
  return (
    <div className="k-table-wrap">
      <table data-testid="evaluation-list">
        <caption className="k-sr-only">{t("caption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("period")}</th>
            <th scope="col">{t("status")}</th>
            <th scope="col">{t("result")}</th>
            <th scope="col">{t("behavior")}</th>
            <th scope="col">{t("predicate")}</th>
            <th scope="col">{t("tasks")}</th>
          </tr>
        </thead>
        <tbody>
          {evaluations.map((evaluation) => {
            const name = periodLabel(evaluation.period);
            return (
              <tr key={evaluation.id}>
                <th scope="row">
                  <Link to={`/evaluasi/${evaluation.id}`} aria-label={t("open", { period: name })}>{name}</Link>
                  <div className="k-muted">
                    {formatDate(evaluation.period.startsOn, language)} – {formatDate(evaluation.period.endsOn, language)}
                  </div>
                </th>
                <td><StatusBadge status={evaluation.status} /></td>
                <td>{label(evaluation.resultRating)}</td>
                <td>{label(evaluation.behaviorRating)}</td>
                <td>{label(evaluation.predicate)}</td>
                <td>
                  {(evaluation.processInstance?.activeTasks ?? []).map((task) => (
                    <div key={task.id}><Link to={`/tugas/${task.id}`}>{task.name}</Link></div>
                  ))}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
