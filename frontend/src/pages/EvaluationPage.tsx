/**
 * One evaluation (/evaluasi/:id): the employee records realizations with evidence and submits the
 * self-assessment; the rater rates results and behaviour (the predicate shown before saving) with
 * feedback per core value and per work result; the approver decides on the task page. An annual
 * evaluation shows the plan's periodic ratings side by side (R-ANNUAL).
 */
import { useMutation, useQuery, useSubscription } from "@apollo/client/react";
import { useState, type FormEvent } from "react";
import { Link, useParams } from "react-router";
import { DocumentLink } from "../components/DocumentLink";
import { EvidenceList, suggestedAmount } from "../components/EvaluationSummary";
import { Loading, ProblemBox, StatusBadge } from "../components/Status";
import { pkOf, problemOf } from "../errors";
import { graphql } from "../gql";
import type { EvaluationPageEvaluationQuery, Rating } from "../gql/graphql";
import { defineMessages, formatDate, useEnumLabel, usePeriodLabel, useLanguage, useT } from "../i18n";
import { useMe } from "../session";
import "./MyPlan.css";

const EVALUATION = graphql(`
  query EvaluationPageEvaluation($id: ID!) {
    evaluation(id: $id) {
      id status selfNotes resultRating behaviorRating predicate feedback behaviorFeedback resultFeedback finalizedAt
      period { id kind number startsOn endsOn }
      document { ...DocumentFields }
      ratedBy { id name }
      approvedBy { id name }
      plan {
        id year
        employee { id name position { title } }
        rater { id name }
        raterSupervisor { id name }
        workResults { id text type indicators { id aspect text target unit kind } }
      }
      processInstance { id activeTasks { id bpmnId name assignee { id } candidates { id } } }
      realizations {
        id value note evidenceLinks recordedAt deviationReason
        indicator { id }
        evidenceFiles { id name url contentType size }
      }
      suggestedRealizations { indicator { id } value outputUnit entries }
    }
  }
`);

const PERIODIC = graphql(`
  query EvaluationPagePeriodic($planId: ID!) {
    evaluations(planId: $planId) {
      id status resultRating behaviorRating predicate
      period { id kind number }
    }
  }
`);

const PREVIEW = graphql(`
  query EvaluationPagePredicatePreview($resultRating: Rating!, $behaviorRating: Rating!) {
    predicatePreview(resultRating: $resultRating, behaviorRating: $behaviorRating)
  }
`);

const PROGRESS = graphql(`
  subscription EvaluationPageProgress($planId: ID!) {
    planProgress(planId: $planId) { planId kind status }
  }
`);

const RECORD = graphql(`
  mutation EvaluationPageRecordRealization($indicatorId: ID!, $periodId: ID!, $value: String!, $note: String!,
                                           $evidenceLinks: [String!], $evidenceFiles: [Upload!], $deviationReason: String) {
    recordRealization(indicatorId: $indicatorId, periodId: $periodId, value: $value, note: $note,
                      evidenceLinks: $evidenceLinks, evidenceFiles: $evidenceFiles, deviationReason: $deviationReason) {
      id value note evidenceLinks deviationReason evidenceFiles { id name url }
    }
  }
`);

const RATE = graphql(`
  mutation EvaluationPageRate($evaluationId: ID!, $resultRating: Rating!, $behaviorRating: Rating!, $feedback: String!,
                              $behaviorFeedback: JSON, $workResultFeedback: [WorkResultFeedbackInput!]) {
    rateEvaluation(evaluationId: $evaluationId, resultRating: $resultRating, behaviorRating: $behaviorRating,
                   feedback: $feedback, behaviorFeedback: $behaviorFeedback, workResultFeedback: $workResultFeedback) {
      id resultRating behaviorRating predicate feedback behaviorFeedback resultFeedback
    }
  }
`);

const COMPLETE = graphql(`
  mutation EvaluationPageCompleteTask($id: ID!, $data: JSON!) {
    completeTask(id: $id, data: $data) { task { id state } }
  }
`);

const text = defineMessages({
  id: {
    title: "Evaluasi {period} {year}", employee: "Pegawai", rater: "Pejabat penilai", approver: "Atasan pejabat penilai",
    status: "Status", periodDates: "Masa", realizations: "Realisasi dan bukti dukung", target: "Target", realization: "Realisasi",
    value: "Nilai realisasi", note: "Keterangan", links: "Tautan bukti dukung (satu per baris)", files: "Berkas bukti dukung (PDF, PNG, JPEG)",
    save: "Simpan realisasi", saving: "Menyimpan…", saved: "Realisasi disimpan.", noRealization: "Belum dicatat.",
    selfTitle: "Penilaian mandiri", selfNotes: "Catatan penilaian mandiri", submit: "Ajukan penilaian mandiri", submitting: "Mengajukan…",
    submitted: "Penilaian mandiri diajukan kepada pejabat penilai.", openTask: "Buka tugas: {name}",
    rateTitle: "Penilaian pejabat penilai", resultRating: "Rating hasil kerja", behaviorRating: "Rating perilaku kerja", choose: "Pilih…",
    predicatePreview: "Predikat bila disimpan: {predicate}", predicate: "Predikat", feedback: "Umpan balik umum",
    behaviorFeedback: "Umpan balik per nilai BerAKHLAK", resultFeedback: "Umpan balik per RHK", feedbackFor: "Umpan balik: {what}",
    saveRating: "Simpan penilaian", ratingSaved: "Penilaian disimpan.", forward: "Teruskan kepada atasan (setujui)", forwarding: "Meneruskan…",
    forwarded: "Diteruskan kepada atasan pejabat penilai.", ratings: "Hasil penilaian", notRated: "Belum dinilai.", ratedBy: "Dinilai oleh",
    approvedBy: "Disetujui oleh", annualTitle: "Penilaian periodik tahun ini", periodCol: "Periode", resultCol: "Hasil kerja",
    behaviorCol: "Perilaku kerja", thisOne: "(evaluasi ini)", none: "–", selfNotesShown: "Catatan pegawai", approveHint: "Keputusan atasan pejabat penilai (setujui atau kembalikan) diambil pada halaman tugas:",
    back: "Kembali ke daftar evaluasi", indicatorOf: "{indicator} ({result})", download: "Unduh evaluasi",
    draftMark: "Belum final: bertanda DRAFT",
    suggested: "Dari progres harian yang disetujui:", suggestedValue: "{amount} ({entries} progres)",
    useSuggested: "Gunakan nilai ini", reason: "Alasan perbedaan", reasonHint: "Wajib diisi karena nilainya berbeda dari progres harian ({amount}).",
    reasonShown: "Alasan",
  },
  en: {
    title: "{period} {year} evaluation", employee: "Employee", rater: "Rater", approver: "Rater's supervisor",
    status: "Status", periodDates: "Dates", realizations: "Realizations and evidence", target: "Target", realization: "Realization",
    value: "Realization value", note: "Note", links: "Evidence links (one per line)", files: "Evidence files (PDF, PNG, JPEG)",
    save: "Save realization", saving: "Saving…", saved: "Realization saved.", noRealization: "Not recorded yet.",
    selfTitle: "Self-assessment", selfNotes: "Self-assessment notes", submit: "Submit self-assessment", submitting: "Submitting…",
    submitted: "Self-assessment submitted to your rater.", openTask: "Open task: {name}",
    rateTitle: "Rater's assessment", resultRating: "Results rating", behaviorRating: "Behaviour rating", choose: "Choose…",
    predicatePreview: "Predicate if saved: {predicate}", predicate: "Predicate", feedback: "General feedback",
    behaviorFeedback: "Feedback per BerAKHLAK value", resultFeedback: "Feedback per work result", feedbackFor: "Feedback: {what}",
    saveRating: "Save rating", ratingSaved: "Rating saved.", forward: "Forward to the supervisor (approve)", forwarding: "Forwarding…",
    forwarded: "Forwarded to the rater's supervisor.", ratings: "Ratings", notRated: "Not rated yet.", ratedBy: "Rated by",
    approvedBy: "Approved by", annualTitle: "This year's periodic ratings", periodCol: "Period", resultCol: "Results",
    behaviorCol: "Behaviour", thisOne: "(this evaluation)", none: "–", selfNotesShown: "Employee's notes", approveHint: "The rater's supervisor approves or sends back on the task page:",
    back: "Back to the evaluations", indicatorOf: "{indicator} ({result})", download: "Download evaluation",
    draftMark: "Not final yet: marked DRAFT",
    suggested: "From approved daily progress:", suggestedValue: "{amount} ({entries} entries)",
    useSuggested: "Use this value", reason: "Reason for the difference", reasonHint: "Required because the value differs from the daily progress ({amount}).",
    reasonShown: "Reason",
  },
});

type Evaluation = EvaluationPageEvaluationQuery["evaluation"];
type Suggestion = Evaluation["suggestedRealizations"][number];
type Translate = ReturnType<typeof useT<keyof typeof text.id>>;
const RATINGS: Rating[] = ["DI_ATAS_EKSPEKTASI", "SESUAI_EKSPEKTASI", "DI_BAWAH_EKSPEKTASI"];
const CORE_VALUES = ["BERORIENTASI_PELAYANAN", "AKUNTABEL", "KOMPETEN", "HARMONIS", "LOYAL", "ADAPTIF", "KOLABORATIF"] as const;

export default function EvaluationPage() {
  const { id = "" } = useParams();
  const t = useT(text);
  const periodLabel = usePeriodLabel();
  const { language } = useLanguage();
  const me = useMe();
  const { data, error, loading, refetch } = useQuery(EVALUATION, { variables: { id } });
  const evaluation = data?.evaluation;
  const reload = () => { refetch().catch(() => undefined); };
  useSubscription(PROGRESS, { variables: { planId: evaluation?.plan.id ?? "" }, skip: !evaluation, onData: reload });

  if (loading && !evaluation) return <Loading />;
  if (error && !evaluation) return <><h1>{t("title", { period: "", year: "" })}</h1><ProblemBox error={error} /></>;
  if (!evaluation) return <ProblemBox />;

  const myId = me.employee?.id;
  const tasks = evaluation.processInstance?.activeTasks ?? [];
  const mineTask = (bpmnId: string) => tasks.find((task) => task.bpmnId === bpmnId
    && (task.assignee?.id === myId || task.candidates.some((c) => c.id === myId)));
  const selfTask = evaluation.status === "SELF_ASSESSMENT" ? mineTask("self_assess") : undefined;
  const rateTask = evaluation.status === "RATING" ? mineTask("rate") : undefined;
  const otherTasks = tasks.filter((task) => task !== selfTask && task !== rateTask);
  const name = periodLabel(evaluation.period);

  return (
    <>
      <h1>{t("title", { period: name, year: evaluation.plan.year })}</h1>
      <p><Link to={evaluation.plan.employee.id === myId ? "/evaluasi" : `/evaluasi?plan=${evaluation.plan.id}`}>{t("back")}</Link></p>
      <section className="k-card" aria-label={t("status")}>
        <dl className="k-plan-facts">
          <div><dt>{t("employee")}</dt><dd>{evaluation.plan.employee.name}<br /><span className="k-muted">{evaluation.plan.employee.position.title}</span></dd></div>
          <div><dt>{t("periodDates")}</dt><dd>{formatDate(evaluation.period.startsOn, language)} – {formatDate(evaluation.period.endsOn, language)}</dd></div>
          <div><dt>{t("status")}</dt><dd data-testid="evaluation-status"><StatusBadge status={evaluation.status} /></dd></div>
          <div><dt>{t("rater")}</dt><dd>{evaluation.plan.rater?.name ?? t("none")}</dd></div>
          <div><dt>{t("approver")}</dt><dd>{evaluation.plan.raterSupervisor?.name ?? t("none")}</dd></div>
        </dl>
        {/* Until it is final, the PDF is watermarked DRAFT (documents/evaluation.py). */}
        <DocumentLink document={evaluation.document} label={t("download")} testId="evaluation-document"
          note={evaluation.status === "FINAL" ? undefined : t("draftMark")} />
        {otherTasks.map((task) => (
          <p key={task.id}>
            {task.bpmnId === "approve" && <span>{t("approveHint")} </span>}
            <Link to={`/tugas/${task.id}`}>{t("openTask", { name: task.name })}</Link>
          </p>
        ))}
      </section>

      {evaluation.period.kind === "YEAR" && <AnnualSideBySide evaluation={evaluation} t={t} />}

      <section className="k-card" aria-labelledby="evaluation-realizations">
        <h2 id="evaluation-realizations">{t("realizations")}</h2>
        {evaluation.plan.workResults.flatMap((result) => result.indicators.map((indicator) => ({ result, indicator })))
          .map(({ result, indicator }, index) => {
            const realization = evaluation.realizations.find((r) => r.indicator.id === indicator.id);
            const suggestion = evaluation.suggestedRealizations.find((s) => s.indicator.id === indicator.id);
            return (
              <div key={indicator.id} className="k-realization" data-testid="realization">
                <h3>{t("indicatorOf", { indicator: indicator.text, result: result.text })}</h3>
                <p>
                  <strong>{t("target")}:</strong> {indicator.target} {indicator.unit} · <strong>{t("realization")}:</strong>{" "}
                  <span data-testid="realization-value">{realization ? `${realization.value} ${indicator.unit}` : t("noRealization")}</span>
                </p>
                {suggestion && (
                  <p className="k-muted" id={`real-suggestion-${index}`} data-testid="realization-suggestion">
                    {t("suggested")} <strong>{t("suggestedValue", { amount: suggestedAmount(suggestion, language), entries: suggestion.entries })}</strong>
                  </p>
                )}
                {/* The reason explains the difference between the value above and the suggestion. */}
                {realization?.deviationReason && (
                  <p data-testid="realization-reason"><strong>{t("reasonShown")}:</strong> {realization.deviationReason}</p>
                )}
                {realization?.note && <p><strong>{t("note")}:</strong> {realization.note}</p>}
                {realization && <EvidenceList links={realization.evidenceLinks} files={realization.evidenceFiles} />}
                {selfTask && (
                  <RealizationForm index={index} indicatorId={indicator.id} periodId={evaluation.period.id}
                    initial={realization} suggestion={suggestion} t={t} reload={reload} />
                )}
              </div>
            );
          })}
      </section>

      {selfTask ? (
        <SelfAssessment taskId={selfTask.id} initialNotes={evaluation.selfNotes} t={t} onDone={reload} />
      ) : evaluation.selfNotes ? (
        <section className="k-card" aria-labelledby="evaluation-self-notes">
          <h2 id="evaluation-self-notes">{t("selfNotesShown")}</h2>
          <p>{evaluation.selfNotes}</p>
        </section>
      ) : null}

      {rateTask ? <RatingForm evaluation={evaluation} taskId={rateTask.id} t={t} onDone={reload} /> : <RatingsView evaluation={evaluation} t={t} />}
    </>
  );
}

function AnnualSideBySide({ evaluation, t }: { evaluation: Evaluation; t: Translate }) {
  const label = useEnumLabel();
  const periodLabel = usePeriodLabel();
  const { data } = useQuery(PERIODIC, { variables: { planId: evaluation.plan.id } });
  const rows = data?.evaluations ?? [];
  return (
    <section className="k-card" aria-labelledby="evaluation-annual">
      <h2 id="evaluation-annual">{t("annualTitle")}</h2>
      <div className="k-table-wrap">
        <table data-testid="annual-side-by-side">
          <thead>
            <tr><th scope="col">{t("periodCol")}</th><th scope="col">{t("status")}</th><th scope="col">{t("resultCol")}</th>
              <th scope="col">{t("behaviorCol")}</th><th scope="col">{t("predicate")}</th></tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id}>
                <th scope="row">
                  {row.id === evaluation.id ? periodLabel(row.period) : <Link to={`/evaluasi/${row.id}`}>{periodLabel(row.period)}</Link>}
                  {row.id === evaluation.id && <span className="k-muted"> {t("thisOne")}</span>}
                </th>
                <td><StatusBadge status={row.status} /></td>
                <td>{label(row.resultRating)}</td>
                <td>{label(row.behaviorRating)}</td>
                <td>{label(row.predicate)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** A realization value as the server compares it (parse_number): "6,5" = "6.5" = "6.50"; not a number → NaN. */
function numberOf(value: string): number {
  const text = value.replaceAll(",", ".").trim().replace(/%+$/, "");
  return /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(text) ? Number(text) : Number.NaN;
}

function RealizationForm({ index, indicatorId, periodId, initial, suggestion, t, reload }: {
  index: number; indicatorId: string; periodId: string; initial?: Evaluation["realizations"][number]; suggestion?: Suggestion;
  t: Translate; reload: () => void;
}) {
  const { language } = useLanguage();
  const [value, setValue] = useState(initial?.value ?? "");
  const [reason, setReason] = useState(initial?.deviationReason ?? "");
  const [note, setNote] = useState(initial?.note ?? "");
  const [links, setLinks] = useState(Array.isArray(initial?.evidenceLinks) ? (initial.evidenceLinks as string[]).join("\n") : "");
  const [files, setFiles] = useState<File[]>([]);
  const [fileKey, setFileKey] = useState(0);
  const [message, setMessage] = useState<{ ok: boolean; text: string; fields?: Record<string, string> } | null>(null);
  const [record, { loading }] = useMutation(RECORD);
  // A reason is asked for when there is a suggestion and a typed value that is not it (a value
  // that is no number differs, as on the server), or when the server asks for one: the suggestion
  // may have changed since the page loaded (an entry approved meanwhile).
  const differs = Boolean(suggestion && value.trim() && numberOf(value) !== Number(suggestion.value));
  const askReason = differs || Boolean(message?.fields?.deviationReason);
  // Typed the way the person writes numbers: no thousands separator, the decimal comma in Indonesian.
  const suggestedText = suggestion ? (language === "id" ? suggestion.value.replace(".", ",") : suggestion.value) : "";
  async function submit(event: FormEvent) {
    event.preventDefault();
    setMessage(null);
    try {
      await record({
        variables: {
          indicatorId, periodId, value, note,
          evidenceLinks: links.split("\n").map((l) => l.trim()).filter(Boolean),
          evidenceFiles: files.length ? files : null,
          // Sent whenever typed: the server keeps it only when the value differs from ITS suggestion.
          deviationReason: reason.trim() || null,
        },
      });
      setFiles([]);
      setFileKey(fileKey + 1);
      setMessage({ ok: true, text: t("saved") });
      reload();
    } catch (error) {
      const p = problemOf(error);
      setMessage({ ok: false, text: p.message, fields: p.fields });
      if (p.fields.deviationReason) reload(); // the page shows the server's current suggestion
    }
  }
  const fieldError = (name: string) => message?.fields?.[name] && <p className="k-field-error" id={`real-${name}-error-${index}`}>{message.fields[name]}</p>;
  return (
    <form onSubmit={submit} data-testid="realization-form" noValidate>
      {message && <div className={`k-alert ${message.ok ? "k-alert-success" : "k-alert-error"}`} role={message.ok ? "status" : "alert"}>{message.text}</div>}
      <label htmlFor={`real-value-${index}`}>{t("value")}</label>
      <div className="k-row">
        <input id={`real-value-${index}`} value={value} onChange={(e) => setValue(e.target.value)} required
          aria-invalid={message?.fields?.value ? true : undefined} aria-describedby={message?.fields?.value ? `real-value-error-${index}` : undefined} />
        {suggestion && (
          <button type="button" className="k-button" onClick={() => setValue(suggestedText)} aria-describedby={`real-suggestion-${index}`}>
            {t("useSuggested")}
          </button>
        )}
      </div>
      {fieldError("value")}
      {askReason && (
        <>
          <label htmlFor={`real-reason-${index}`}>{t("reason")}</label>
          {suggestion && (
            <p className="k-muted" id={`real-reason-hint-${index}`} style={{ margin: "0 0 0.25rem" }}>
              {t("reasonHint", { amount: suggestedAmount(suggestion, language) })}
            </p>
          )}
          <textarea id={`real-reason-${index}`} value={reason} onChange={(e) => setReason(e.target.value)} required
            aria-invalid={message?.fields?.deviationReason ? true : undefined}
            aria-describedby={[suggestion && `real-reason-hint-${index}`, message?.fields?.deviationReason && `real-deviationReason-error-${index}`]
              .filter(Boolean).join(" ") || undefined} />
          {fieldError("deviationReason")}
        </>
      )}
      <label htmlFor={`real-note-${index}`}>{t("note")}</label>
      <textarea id={`real-note-${index}`} value={note} onChange={(e) => setNote(e.target.value)} />
      <label htmlFor={`real-links-${index}`}>{t("links")}</label>
      <textarea id={`real-links-${index}`} value={links} onChange={(e) => setLinks(e.target.value)} />
      {fieldError("evidenceLinks")}
      <label htmlFor={`real-files-${index}`}>{t("files")}</label>
      <input key={fileKey} id={`real-files-${index}`} type="file" multiple accept="application/pdf,image/png,image/jpeg,.pdf,.png,.jpg,.jpeg"
        onChange={(e) => setFiles(Array.from(e.target.files ?? []))} />
      {fieldError("evidenceFiles")}
      <div className="k-form-actions">
        <button type="submit" className="k-button k-primary" disabled={loading}>{loading ? t("saving") : t("save")}</button>
      </div>
    </form>
  );
}

function SelfAssessment({ taskId, initialNotes, t, onDone }: { taskId: string; initialNotes: string; t: Translate; onDone: () => void }) {
  const [notes, setNotes] = useState(initialNotes);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  // The page shows the evaluation's new state as soon as the step is done (not only when the
  // live event arrives): the refetch is part of the mutation.
  const [complete, { loading }] = useMutation(COMPLETE, { refetchQueries: ["EvaluationPageEvaluation"], awaitRefetchQueries: true });
  async function submit(event: FormEvent) {
    event.preventDefault();
    setMessage(null);
    try {
      await complete({ variables: { id: taskId, data: notes.trim() ? { decision: "SUBMIT", notes: notes.trim() } : { decision: "SUBMIT" } } });
      setMessage({ ok: true, text: t("submitted") });
      onDone();
    } catch (error) {
      setMessage({ ok: false, text: problemOf(error).message });
    }
  }
  return (
    <section className="k-card" aria-labelledby="evaluation-self">
      <h2 id="evaluation-self">{t("selfTitle")}</h2>
      {message && <div className={`k-alert ${message.ok ? "k-alert-success" : "k-alert-error"}`} role={message.ok ? "status" : "alert"}>{message.text}</div>}
      <form onSubmit={submit}>
        <label htmlFor="evaluation-self-notes-input">{t("selfNotes")}</label>
        <textarea id="evaluation-self-notes-input" value={notes} onChange={(e) => setNotes(e.target.value)} />
        <div className="k-form-actions">
          <button type="submit" className="k-button k-primary" disabled={loading}>{loading ? t("submitting") : t("submit")}</button>
          <Link className="k-button" to={`/tugas/${taskId}`}>{t("openTask", { name: t("selfTitle") })}</Link>
        </div>
      </form>
    </section>
  );
}

function RatingForm({ evaluation, taskId, t, onDone }: { evaluation: Evaluation; taskId: string; t: Translate; onDone: () => void }) {
  const label = useEnumLabel();
  const [resultRating, setResultRating] = useState<Rating | "">(evaluation.resultRating ?? "");
  const [behaviorRating, setBehaviorRating] = useState<Rating | "">(evaluation.behaviorRating ?? "");
  const [feedback, setFeedback] = useState(evaluation.feedback);
  const [behaviorFeedback, setBehaviorFeedback] = useState<Record<string, string>>({ ...(evaluation.behaviorFeedback ?? {}) });
  const [resultFeedback, setResultFeedback] = useState<Record<string, string>>(() => {
    const stored = (evaluation.resultFeedback ?? {}) as Record<string, string>;  // keyed by database key
    return Object.fromEntries(evaluation.plan.workResults.map((r) => [r.id, stored[pkOf(r.id)] ?? ""]));
  });
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [rate, { loading }] = useMutation(RATE);
  const [complete, completing] = useMutation(COMPLETE, { refetchQueries: ["EvaluationPageEvaluation"], awaitRefetchQueries: true });
  const preview = useQuery(PREVIEW, {
    variables: { resultRating: (resultRating || "SESUAI_EKSPEKTASI") as Rating, behaviorRating: (behaviorRating || "SESUAI_EKSPEKTASI") as Rating },
    skip: !resultRating || !behaviorRating,
    fetchPolicy: "cache-first",
  });
  const previewed = resultRating && behaviorRating ? preview.data?.predicatePreview : undefined;
  const saved = Boolean(evaluation.resultRating);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!resultRating || !behaviorRating) return;
    setMessage(null);
    try {
      await rate({
        variables: {
          evaluationId: evaluation.id, resultRating, behaviorRating, feedback,
          behaviorFeedback: Object.fromEntries(Object.entries(behaviorFeedback).filter(([, v]) => v.trim())),
          workResultFeedback: Object.entries(resultFeedback).filter(([, v]) => v.trim()).map(([workResultId, v]) => ({ workResultId, text: v })),
        },
      });
      setMessage({ ok: true, text: t("ratingSaved") });
      onDone();
    } catch (error) {
      setMessage({ ok: false, text: problemOf(error).message });
    }
  }

  async function forward() {
    setMessage(null);
    try {
      await complete({ variables: { id: taskId, data: { decision: "APPROVE" } } });
      setMessage({ ok: true, text: t("forwarded") });
      onDone();
    } catch (error) {
      setMessage({ ok: false, text: problemOf(error).message });
    }
  }

  return (
    <section className="k-card" aria-labelledby="evaluation-rate">
      <h2 id="evaluation-rate">{t("rateTitle")}</h2>
      {message && <div className={`k-alert ${message.ok ? "k-alert-success" : "k-alert-error"}`} role={message.ok ? "status" : "alert"}>{message.text}</div>}
      <form onSubmit={submit}>
        <div className="k-grid">
          <div>
            <label htmlFor="rate-result">{t("resultRating")}</label>
            <select id="rate-result" value={resultRating} onChange={(e) => setResultRating(e.target.value as Rating)} required>
              <option value="">{t("choose")}</option>
              {RATINGS.map((r) => <option key={r} value={r}>{label(r)}</option>)}
            </select>
          </div>
          <div>
            <label htmlFor="rate-behavior">{t("behaviorRating")}</label>
            <select id="rate-behavior" value={behaviorRating} onChange={(e) => setBehaviorRating(e.target.value as Rating)} required>
              <option value="">{t("choose")}</option>
              {RATINGS.map((r) => <option key={r} value={r}>{label(r)}</option>)}
            </select>
          </div>
        </div>
        <p className="k-predicate" role="status" aria-live="polite" data-testid="predicate-preview">
          {previewed ? <strong>{t("predicatePreview", { predicate: label(previewed) })}</strong> : null}
        </p>
        <label htmlFor="rate-feedback">{t("feedback")}</label>
        <textarea id="rate-feedback" value={feedback} onChange={(e) => setFeedback(e.target.value)} />
        <fieldset>
          <legend>{t("behaviorFeedback")}</legend>
          {CORE_VALUES.map((value) => (
            <div key={value}>
              <label htmlFor={`rate-bf-${value}`}>{label(value)}</label>
              <textarea id={`rate-bf-${value}`} rows={2} style={{ minHeight: "3rem" }} value={behaviorFeedback[value] ?? ""}
                onChange={(e) => setBehaviorFeedback({ ...behaviorFeedback, [value]: e.target.value })} />
            </div>
          ))}
        </fieldset>
        <fieldset>
          <legend>{t("resultFeedback")}</legend>
          {evaluation.plan.workResults.map((result, i) => (
            <div key={result.id}>
              <label htmlFor={`rate-rf-${i}`}>{t("feedbackFor", { what: result.text })}</label>
              <textarea id={`rate-rf-${i}`} rows={2} style={{ minHeight: "3rem" }} value={resultFeedback[result.id] ?? ""}
                onChange={(e) => setResultFeedback({ ...resultFeedback, [result.id]: e.target.value })} />
            </div>
          ))}
        </fieldset>
        <div className="k-form-actions">
          <button type="submit" className="k-button k-primary" disabled={loading || !resultRating || !behaviorRating}>{t("saveRating")}</button>
          <button type="button" className="k-button" onClick={forward} disabled={!saved || completing.loading}>
            {completing.loading ? t("forwarding") : t("forward")}
          </button>
          <Link className="k-button" to={`/tugas/${taskId}`}>{t("openTask", { name: t("rateTitle") })}</Link>
        </div>
      </form>
    </section>
  );
}

function RatingsView({ evaluation, t }: { evaluation: Evaluation; t: Translate }) {
  const label = useEnumLabel();
  const behaviorFeedback = Object.entries((evaluation.behaviorFeedback ?? {}) as Record<string, string>).filter(([, v]) => v);
  const stored = (evaluation.resultFeedback ?? {}) as Record<string, string>;
  const resultFeedback = Object.fromEntries(evaluation.plan.workResults.map((r) => [r.id, stored[pkOf(r.id)] ?? ""]));
  return (
    <section className="k-card" aria-labelledby="evaluation-ratings">
      <h2 id="evaluation-ratings">{t("ratings")}</h2>
      {!evaluation.resultRating ? <p className="k-muted">{t("notRated")}</p> : (
        <dl className="k-plan-facts">
          <div><dt>{t("resultRating")}</dt><dd>{label(evaluation.resultRating)}</dd></div>
          <div><dt>{t("behaviorRating")}</dt><dd>{label(evaluation.behaviorRating)}</dd></div>
          <div><dt>{t("predicate")}</dt><dd data-testid="evaluation-predicate"><strong>{label(evaluation.predicate)}</strong></dd></div>
          <div><dt>{t("ratedBy")}</dt><dd>{evaluation.ratedBy?.name ?? t("none")}</dd></div>
          {evaluation.approvedBy && <div><dt>{t("approvedBy")}</dt><dd>{evaluation.approvedBy.name}</dd></div>}
        </dl>
      )}
      {evaluation.feedback && <p><strong>{t("feedback")}:</strong> {evaluation.feedback}</p>}
      {behaviorFeedback.length > 0 && (
        <>
          <h3>{t("behaviorFeedback")}</h3>
          <ul>{behaviorFeedback.map(([value, feedback]) => <li key={value}><strong>{label(value)}:</strong> {feedback}</li>)}</ul>
        </>
      )}
      {evaluation.plan.workResults.some((r) => resultFeedback[r.id]) && (
        <>
          <h3>{t("resultFeedback")}</h3>
          <ul>{evaluation.plan.workResults.filter((r) => resultFeedback[r.id]).map((r) => <li key={r.id}><strong>{r.text}:</strong> {resultFeedback[r.id]}</li>)}</ul>
        </>
      )}
    </section>
  );
}
