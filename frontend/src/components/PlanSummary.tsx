/**
 * A plan (SKP) in short, read-only: shown on a task page as the context of a review, and the
 * building blocks the SKP screens share (status badge, history list, global-id helpers).
 */
import { useQuery } from "@apollo/client/react";
import { graphql } from "../gql";
import { defineMessages, formatDateTime, useEnumLabel, useLanguage, useT } from "../i18n";
import { IndicatorTable } from "./IndicatorTable";
import { Loading, ProblemBox, StatusBadge } from "./Status";
import "../pages/MyPlan.css";

const PLAN_SUMMARY = graphql(`
  query PlanSummaryPlan($id: ID!) {
    performancePlan(id: $id) {
      id year status revisionNotes isOverdue
      employee { id name position { title } unit { name } }
      rater { id name }
      raterSupervisor { id name }
      workResults {
        id text type
        orgGoal { id text }
        parents { id text }
        indicators { id aspect text target unit }
      }
      history { kind actor { id username } data createdAt }
    }
  }
`);

export const planText = defineMessages({
  id: {
    employee: "Pegawai", rater: "Pejabat penilai", raterSupervisor: "Atasan pejabat penilai", status: "Status",
    year: "Tahun", results: "Rencana hasil kerja", supports: "Mendukung RHK atasan", goal: "Sasaran organisasi",
    indicators: "Indikator", aspect: "Aspek", indicator: "Indikator", target: "Target", noResults: "Belum ada rencana hasil kerja.",
    revisionNotes: "Catatan perbaikan dari pejabat penilai", history: "Riwayat", noHistory: "Belum ada riwayat.",
    overdue: "Terlambat", none: "–", type: "Jenis",
    CREATED: "SKP dibuat", WORK_RESULT_SAVED: "RHK disimpan", WORK_RESULT_DELETED: "RHK dihapus",
    BEHAVIOR_EXPECTATION_SET: "Ekspektasi perilaku ditetapkan", SUBMITTED: "SKP diajukan", RETURNED: "SKP dikembalikan",
    APPROVED: "SKP ditetapkan", REALIZATION_RECORDED: "Realisasi dicatat", RATED: "Penilaian diberikan",
    FEEDBACK: "Umpan balik", EVIDENCE_UPLOADED: "Bukti dukung diunggah", ATTACHMENTS_SET: "Lampiran disimpan",
    OVERDUE: "SKP terlambat", SELF_ASSESSMENT_SUBMITTED: "Penilaian mandiri diajukan", EVALUATION_RATED: "Evaluasi dinilai",
    EVALUATION_RETURNED_TO_EMPLOYEE: "Evaluasi dikembalikan kepada pegawai", EVALUATION_RETURNED_TO_RATER: "Evaluasi dikembalikan kepada pejabat penilai",
    EVALUATION_FINAL: "Evaluasi disetujui", DISTRIBUTION_OVERRIDDEN: "Distribusi predikat dikecualikan", DEVELOPMENT_PLAN: "Rencana pengembangan dicatat",
    by: "oleh {who}", notes: "Catatan: {notes}",
  },
  en: {
    employee: "Employee", rater: "Rater", raterSupervisor: "Rater's supervisor", status: "Status",
    year: "Year", results: "Planned work results", supports: "Supports the rater's result", goal: "Organizational goal",
    indicators: "Indicators", aspect: "Aspect", indicator: "Indicator", target: "Target", noResults: "No work results yet.",
    revisionNotes: "Revision notes from the rater", history: "History", noHistory: "No history yet.",
    overdue: "Overdue", none: "–", type: "Type",
    CREATED: "Plan created", WORK_RESULT_SAVED: "Work result saved", WORK_RESULT_DELETED: "Work result deleted",
    BEHAVIOR_EXPECTATION_SET: "Behaviour expectation set", SUBMITTED: "Plan submitted", RETURNED: "Plan sent back",
    APPROVED: "Plan approved", REALIZATION_RECORDED: "Realization recorded", RATED: "Rated",
    FEEDBACK: "Feedback", EVIDENCE_UPLOADED: "Evidence uploaded", ATTACHMENTS_SET: "Attachments saved",
    OVERDUE: "Plan overdue", SELF_ASSESSMENT_SUBMITTED: "Self-assessment submitted", EVALUATION_RATED: "Evaluation rated",
    EVALUATION_RETURNED_TO_EMPLOYEE: "Evaluation sent back to the employee", EVALUATION_RETURNED_TO_RATER: "Evaluation sent back to the rater",
    EVALUATION_FINAL: "Evaluation approved", DISTRIBUTION_OVERRIDDEN: "Predicate distribution overridden", DEVELOPMENT_PLAN: "Development plan recorded",
    by: "by {who}", notes: "Notes: {notes}",
  },
});

type HistoryKey = keyof typeof planText.id;


export interface HistoryEntry {
  kind: string;
  actor?: { username: string } | null;
  data: unknown;
  createdAt: string;
}

/** R-AUDIT: the plan's events, newest first. */
export function PlanHistory({ history, headingLevel = 2 }: { history: HistoryEntry[]; headingLevel?: 2 | 3 }) {
  const t = useT(planText);
  const { language } = useLanguage();
  const Heading = headingLevel === 2 ? "h2" : "h3";
  const events = [...history].reverse();
  return (
    <section className="k-card" aria-labelledby="plan-history-heading">
      <Heading id="plan-history-heading">{t("history")}</Heading>
      {events.length === 0 ? (
        <p className="k-muted">{t("noHistory")}</p>
      ) : (
        <ol className="k-plan-history" data-testid="plan-history">
          {events.map((event, index) => {
            const data = (event.data ?? {}) as Record<string, unknown>;
            const known = event.kind in planText.id;
            const notes = typeof data.notes === "string" && data.notes ? data.notes : "";
            return (
              <li key={`${event.createdAt}-${index}`}>
                <strong>{known ? t(event.kind as HistoryKey) : event.kind}</strong>{" "}
                <span className="k-muted">
                  {formatDateTime(event.createdAt, language)}
                  {event.actor ? ` · ${t("by", { who: event.actor.username })}` : ""}
                </span>
                {typeof data.text === "string" && data.text && <div>{data.text}</div>}
                {notes && <div>{t("notes", { notes })}</div>}
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}

export function PlanSummary({ planId }: { planId: string }) {
  const t = useT(planText);
  const label = useEnumLabel();
  const { data, error, loading } = useQuery(PLAN_SUMMARY, { variables: { id: planId } });
  if (loading && !data) return <Loading />;
  if (error && !data) return <ProblemBox error={error} />;
  const plan = data?.performancePlan;
  if (!plan) return <ProblemBox />;
  return (
    <div className="k-plan-summary" data-plan-id={planId}>
      <dl className="k-plan-facts">
        <div><dt>{t("employee")}</dt><dd>{plan.employee.name} <span className="k-muted">{plan.employee.position.title}</span></dd></div>
        <div><dt>{t("year")}</dt><dd>{plan.year}</dd></div>
        <div><dt>{t("status")}</dt><dd><StatusBadge status={plan.status} />{plan.isOverdue && <> <span className="k-overdue">{t("overdue")}</span></>}</dd></div>
        <div><dt>{t("rater")}</dt><dd>{plan.rater?.name ?? t("none")}</dd></div>
        <div><dt>{t("raterSupervisor")}</dt><dd>{plan.raterSupervisor?.name ?? t("none")}</dd></div>
      </dl>
      {plan.revisionNotes && plan.status === "DRAFT" && (
        <div className="k-alert k-alert-info">
          <strong>{t("revisionNotes")}:</strong> {plan.revisionNotes}
        </div>
      )}
      <h3>{t("results")}</h3>
      {plan.workResults.length === 0 && <p className="k-muted">{t("noResults")}</p>}
      {plan.workResults.map((result) => (
        <div key={result.id} className="k-plan-result">
          <p>
            <strong>{result.text}</strong> <span className="k-muted">({label(result.type)})</span>
          </p>
          {result.parents.length > 0 && (
            <p className="k-muted">{t("supports")}: {result.parents.map((p) => p.text).join("; ")}</p>
          )}
          {result.orgGoal && <p className="k-muted">{t("goal")}: {result.orgGoal.text}</p>}
          <IndicatorTable indicators={result.indicators} />
        </div>
      ))}
      <PlanHistory history={plan.history} headingLevel={3} />
    </div>
  );
}
