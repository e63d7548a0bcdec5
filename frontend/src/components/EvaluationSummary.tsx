/**
 * An evaluation in short, read-only: shown on a task page as the context of a rating or an
 * approval (employee, period, realizations with evidence, ratings, predicate, feedback), and the
 * pieces the evaluation screens share.
 */
import { useQuery } from "@apollo/client/react";
import { graphql } from "../gql";
import { defineMessages, formatDate, formatNumber, useEnumLabel, useLanguage, usePeriodLabel, useT, type Language } from "../i18n";
import { Loading, ProblemBox, StatusBadge } from "./Status";
import "../pages/MyPlan.css";

const EVALUATION_SUMMARY = graphql(`
  query EvaluationSummaryEvaluation($id: ID!) {
    evaluation(id: $id) {
      id status selfNotes resultRating behaviorRating predicate feedback behaviorFeedback resultFeedback
      period { id kind number startsOn endsOn }
      ratedBy { id name }
      plan {
        id year
        employee { id name position { title } }
        workResults { id text indicators { id aspect text target unit } }
      }
      suggestedRealizations { indicator { id } value outputUnit entries }
      realizations {
        id value note evidenceLinks deviationReason
        indicator { id }
        evidenceFiles { id name url contentType size }
      }
    }
  }
`);

export const evaluationText = defineMessages({
  id: {
    employee: "Pegawai", period: "Periode", status: "Status", selfNotes: "Catatan pegawai", results: "Realisasi",
    indicator: "Indikator", target: "Target", realization: "Realisasi", evidence: "Bukti dukung", none: "–",
    resultRating: "Hasil kerja", behaviorRating: "Perilaku kerja", predicate: "Predikat", feedback: "Umpan balik",
    behaviorFeedback: "Umpan balik perilaku", ratedBy: "Dinilai oleh", notRated: "Belum dinilai.", note: "Keterangan",
    fromDaily: "Dari progres harian: {amount} ({entries} progres)", reason: "Alasan",
  },
  en: {
    employee: "Employee", period: "Period", status: "Status", selfNotes: "Employee's notes", results: "Realizations",
    indicator: "Indicator", target: "Target", realization: "Realization", evidence: "Evidence", none: "–",
    resultRating: "Results", behaviorRating: "Behaviour", predicate: "Predicate", feedback: "Feedback",
    behaviorFeedback: "Behaviour feedback", ratedBy: "Rated by", notRated: "Not rated yet.", note: "Note",
    fromDaily: "From daily progress: {amount} ({entries} entries)", reason: "Reason",
  },
});

/** "12,5 dokumen": the realization suggested from the approved daily outputs, as every screen shows it. */
export function suggestedAmount(suggestion: { value: string; outputUnit: string }, language: Language): string {
  return `${formatNumber(Number(suggestion.value), language, 2)} ${suggestion.outputUnit}`;
}

export function EvidenceList({ links, files }: { links: unknown; files: { id: string; name: string; url: string }[] }) {
  const linkList = Array.isArray(links) ? (links as string[]) : [];
  if (linkList.length === 0 && files.length === 0) return null;
  return (
    <ul className="k-evidence" data-testid="evidence">
      {files.map((file) => (
        <li key={file.id} className="k-break"><a href={file.url} download={file.name}>{file.name}</a></li>
      ))}
      {linkList.map((link) => (
        <li key={link} className="k-break"><a href={link} target="_blank" rel="noreferrer noopener">{link}</a></li>
      ))}
    </ul>
  );
}

export function EvaluationSummary({ evaluationId }: { evaluationId: string }) {
  const t = useT(evaluationText);
  const label = useEnumLabel();
  const periodLabel = usePeriodLabel();
  const { language } = useLanguage();
  const { data, error, loading } = useQuery(EVALUATION_SUMMARY, { variables: { id: evaluationId } });
  if (loading && !data) return <Loading />;
  if (error && !data) return <ProblemBox error={error} />;
  const evaluation = data?.evaluation;
  if (!evaluation) return <ProblemBox />;
  const byIndicator = new Map(evaluation.realizations.map((r) => [r.indicator.id, r]));
  const suggestions = new Map(evaluation.suggestedRealizations.map((s) => [s.indicator.id, s]));
  const behaviorFeedback = Object.entries((evaluation.behaviorFeedback ?? {}) as Record<string, string>).filter(([, v]) => v);
  return (
    <div className="k-evaluation-summary" data-evaluation-id={evaluationId}>
      <dl className="k-plan-facts">
        <div><dt>{t("employee")}</dt><dd>{evaluation.plan.employee.name} <span className="k-muted">{evaluation.plan.employee.position.title}</span></dd></div>
        <div>
          <dt>{t("period")}</dt>
          <dd>{periodLabel(evaluation.period)} {evaluation.plan.year}<br />
            <span className="k-muted">{formatDate(evaluation.period.startsOn, language)} – {formatDate(evaluation.period.endsOn, language)}</span></dd>
        </div>
        <div><dt>{t("status")}</dt><dd><StatusBadge status={evaluation.status} /></dd></div>
        <div><dt>{t("predicate")}</dt><dd data-testid="summary-predicate">{label(evaluation.predicate)}</dd></div>
      </dl>
      <h3>{t("results")}</h3>
      <div className="k-table-wrap">
        <table>
          <thead>
            <tr><th scope="col">{t("indicator")}</th><th scope="col">{t("target")}</th><th scope="col">{t("realization")}</th><th scope="col">{t("evidence")}</th></tr>
          </thead>
          <tbody>
            {evaluation.plan.workResults.flatMap((result) => result.indicators.map((indicator) => {
              const realization = byIndicator.get(indicator.id);
              const suggestion = suggestions.get(indicator.id);
              return (
                <tr key={indicator.id}>
                  <td>{indicator.text}<div className="k-muted">{result.text}</div></td>
                  <td>{indicator.target} {indicator.unit}</td>
                  <td>
                    {realization ? realization.value : t("none")}{realization?.note && <div className="k-muted">{realization.note}</div>}
                    {suggestion && (
                      <div className="k-muted" data-testid="summary-suggestion">
                        {t("fromDaily", { amount: suggestedAmount(suggestion, language), entries: suggestion.entries })}
                      </div>
                    )}
                    {realization?.deviationReason && <div><strong>{t("reason")}:</strong> {realization.deviationReason}</div>}
                  </td>
                  <td>{realization ? <EvidenceList links={realization.evidenceLinks} files={realization.evidenceFiles} /> : t("none")}</td>
                </tr>
              );
            }))}
          </tbody>
        </table>
      </div>
      {evaluation.selfNotes && <p><strong>{t("selfNotes")}:</strong> {evaluation.selfNotes}</p>}
      {evaluation.resultRating ? (
        <dl className="k-plan-facts">
          <div><dt>{t("resultRating")}</dt><dd>{label(evaluation.resultRating)}</dd></div>
          <div><dt>{t("behaviorRating")}</dt><dd>{label(evaluation.behaviorRating)}</dd></div>
          <div><dt>{t("ratedBy")}</dt><dd>{evaluation.ratedBy?.name ?? t("none")}</dd></div>
        </dl>
      ) : <p className="k-muted">{t("notRated")}</p>}
      {evaluation.feedback && <p><strong>{t("feedback")}:</strong> {evaluation.feedback}</p>}
      {behaviorFeedback.length > 0 && (
        <>
          <h3>{t("behaviorFeedback")}</h3>
          <ul>{behaviorFeedback.map(([value, feedback]) => <li key={value}><strong>{label(value)}:</strong> {feedback}</li>)}</ul>
        </>
      )}
    </div>
  );
}
