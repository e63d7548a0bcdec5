/**
 * Tim saya: the plans and evaluations of the people I rate (and of theirs, which I approve as the
 * rater's supervisor) for a year, at a glance, with their open tasks. The server decides which
 * plans I may see (performancePlans); the list of my subordinates comes from `me`.
 */
import { useQuery } from "@apollo/client/react";
import { useState } from "react";
import { Link } from "react-router";
import { DocumentLink } from "../components/DocumentLink";
import { Loading, Notice, ProblemBox, StatusBadge } from "../components/Status";
import { graphql } from "../gql";
import type { TeamPlansQuery } from "../gql/graphql";
import { defineMessages, useEnumLabel, usePeriodLabel, useT } from "../i18n";
import { useMe } from "../session";
import "./MyPlan.css";

const PLANS = graphql(`
  query TeamPlans($year: Int!) {
    performancePlans(filter: { year: $year }, first: 100) {
      totalCount
      edges {
        node {
          id status isOverdue
          employee { id name position { title } }
          rater { id name }
          document { ...DocumentFields }
          processInstance { id activeTasks { id name bpmnId assignee { id } candidates { id } } }
        }
      }
    }
  }
`);

const EVALUATIONS = graphql(`
  query TeamEvaluations($planId: ID!) {
    evaluations(planId: $planId) {
      id status predicate
      period { id kind number }
      processInstance { id activeTasks { id name bpmnId assignee { id } candidates { id } } }
    }
  }
`);

const text = defineMessages({
  id: {
    title: "Tim saya", year: "Tahun", direct: "Pegawai yang saya nilai", indirect: "Pegawai yang saya setujui (bawahan pejabat penilai)",
    name: "Pegawai", plan: "SKP", evaluations: "Evaluasi", tasks: "Tugas terbuka", noPlan: "Belum ada SKP", viewPlan: "Lihat SKP {name}",
    noEvaluations: "Belum ada", none: "Anda tidak menilai pegawai mana pun.", rater: "Pejabat penilai", overdue: "Terlambat",
    allEvaluations: "Semua evaluasi {name}", noTasks: "–", caption: "Status SKP dan evaluasi tahun {year}",
    noIndirect: "Tidak ada.", download: "Unduh SKP", daily: "Tinjau progres harian tim",
  },
  en: {
    title: "My team", year: "Year", direct: "People I rate", indirect: "People I approve (rated by my subordinates)",
    name: "Employee", plan: "SKP", evaluations: "Evaluations", tasks: "Open tasks", noPlan: "No SKP yet", viewPlan: "View the SKP of {name}",
    noEvaluations: "None yet", none: "You do not rate anybody.", rater: "Rater", overdue: "Overdue",
    allEvaluations: "All evaluations of {name}", noTasks: "–", caption: "Plan and evaluation status for {year}",
    noIndirect: "None.", download: "Download SKP", daily: "Review the team's daily progress",
  },
});

type Plan = TeamPlansQuery["performancePlans"]["edges"][number]["node"];
type Translate = ReturnType<typeof useT<keyof typeof text.id>>;

export default function Team() {
  const t = useT(text);
  const me = useMe();
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(thisYear);
  const { data, error, loading } = useQuery(PLANS, { variables: { year } });
  const plans = (data?.performancePlans.edges ?? []).map((edge) => edge.node);
  const subordinateIds = new Set(me.subordinates.map((s) => s.id));
  const byEmployee = new Map(plans.map((plan) => [plan.employee.id, plan]));
  const indirect = plans.filter((plan) => plan.rater && subordinateIds.has(plan.rater.id) && !subordinateIds.has(plan.employee.id));

  return (
    <>
      <div className="k-spread">
        <h1>{t("title")}</h1>
        <div>
          <label htmlFor="team-year">{t("year")}</label>
          <select id="team-year" value={year} onChange={(e) => setYear(Number(e.target.value))}>
            {[thisYear - 2, thisYear - 1, thisYear, thisYear + 1].map((y) => <option key={y} value={y}>{y}</option>)}
          </select>
        </div>
      </div>
      {loading && !data && <Loading />}
      {error && !data && <ProblemBox error={error} />}
      {me.subordinates.length === 0 && <Notice>{t("none")}</Notice>}
      {me.subordinates.length > 0 && <p><Link to="/harian/tinjau">{t("daily")}</Link></p>}
      {data && me.subordinates.length > 0 && (
        <>
          <section className="k-card" aria-labelledby="team-direct">
            <h2 id="team-direct">{t("direct")}</h2>
            <TeamTable rows={me.subordinates.map((s) => ({ id: s.id, name: s.name, plan: byEmployee.get(s.id) }))} year={year} t={t} testId="team-direct" />
          </section>
          <section className="k-card" aria-labelledby="team-indirect">
            <h2 id="team-indirect">{t("indirect")}</h2>
            {indirect.length === 0 ? <p className="k-muted">{t("noIndirect")}</p> : (
              <TeamTable rows={indirect.map((plan) => ({ id: plan.employee.id, name: plan.employee.name, plan }))} year={year} t={t}
                showRater testId="team-indirect" />
            )}
          </section>
        </>
      )}
    </>
  );
}

function TeamTable({ rows, year, t, showRater = false, testId }: {
  rows: { id: string; name: string; plan?: Plan }[]; year: number; t: Translate; showRater?: boolean; testId: string;
}) {
  const myId = useMe().employee?.id;
  return (
    <div className="k-table-wrap">
      <table data-testid={testId}>
        <caption className="k-sr-only">{t("caption", { year })}</caption>
        <thead>
          <tr>
            <th scope="col">{t("name")}</th>
            {showRater && <th scope="col">{t("rater")}</th>}
            <th scope="col">{t("plan")}</th>
            <th scope="col">{t("evaluations")}</th>
            <th scope="col">{t("tasks")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ id, name, plan }) => (
            <tr key={id} data-testid="team-row">
              <th scope="row">
                {name}
                {plan && <div className="k-muted">{plan.employee.position.title}</div>}
              </th>
              {showRater && <td>{plan?.rater?.name ?? "–"}</td>}
              <td>
                {plan ? (
                  <>
                    <StatusBadge status={plan.status} />
                    {plan.isOverdue && <> <span className="k-overdue">{t("overdue")}</span></>}
                    <div><Link to={`/skp/${plan.id}`} aria-label={t("viewPlan", { name })}>{t("plan")}</Link></div>
                    <div className="k-docs"><DocumentLink document={plan.document} label={t("download")} subject={name} /></div>
                  </>
                ) : <span className="k-muted">{t("noPlan")}</span>}
              </td>
              <td>{plan ? <PlanEvaluations planId={plan.id} name={name} t={t} /> : "–"}</td>
              <td>
                {(plan?.processInstance?.activeTasks ?? []).filter((task) => teamWork(task, [plan?.employee.id, myId])).map((task) => (
                  <div key={task.id}><Link to={`/tugas/${task.id}`}>{task.name}</Link></div>
                ))}
                <EvaluationTasks planId={plan?.id} people={[plan?.employee.id, myId]} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function PlanEvaluations({ planId, name, t }: { planId: string; name: string; t: Translate }) {
  const label = useEnumLabel();
  const periodLabel = usePeriodLabel();
  const { data } = useQuery(EVALUATIONS, { variables: { planId } });
  const evaluations = data?.evaluations ?? [];
  if (!data) return null;
  if (evaluations.length === 0) return <span className="k-muted">{t("noEvaluations")}</span>;
  return (
    <>
      <ul className="k-evidence">
        {evaluations.map((evaluation) => (
          <li key={evaluation.id}>
            <Link to={`/evaluasi/${evaluation.id}`}>{periodLabel(evaluation.period)}</Link>:{" "}
            <StatusBadge status={evaluation.status} />
            {evaluation.predicate && <> {label(evaluation.predicate)}</>}
          </li>
        ))}
      </ul>
      <Link to={`/evaluasi?plan=${planId}`}>{t("allEvaluations", { name })}</Link>
    </>
  );
}

interface OpenTask {
  assignee?: { id: string } | null;
  candidates: { id: string }[];
}

/** The team member's own work and mine: not the other open tasks of their processes (HR's
 * follow-up of a late SKP, say), which the API shows but which are nobody here's to do. */
function teamWork(task: OpenTask, people: (string | undefined)[]): boolean {
  return task.assignee ? people.includes(task.assignee.id) : task.candidates.some((c) => people.includes(c.id));
}

function EvaluationTasks({ planId, people }: { planId?: string; people: (string | undefined)[] }) {
  const { data } = useQuery(EVALUATIONS, { variables: { planId: planId ?? "" }, skip: !planId });
  return (
    <>
      {(data?.evaluations ?? []).flatMap((evaluation) => evaluation.processInstance?.activeTasks ?? [])
        .filter((task) => teamWork(task, people)).map((task) => (
        <div key={task.id}><Link to={`/tugas/${task.id}`}>{task.name}</Link></div>
      ))}
    </>
  );
}
