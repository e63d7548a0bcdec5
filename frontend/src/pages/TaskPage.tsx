/**
 * One task: what to do (instructions, the plan or evaluation it is about, the instance's history)
 * and its form. Save a draft or complete; the server's answers are shown as they come: field
 * errors on their fields, other refusals above the form, CONFLICT (someone else acted first)
 * reloads the task. What the person typed is never thrown away.
 */
import { useMutation, useQuery } from "@apollo/client/react";
import { lazy, Suspense, useEffect, useRef, useState } from "react";
import { Link, useParams } from "react-router";
import { EvaluationSummary } from "../components/EvaluationSummary";
import { Markdown } from "../components/Markdown";
import { PlanSummary } from "../components/PlanSummary";
import { Loading, ProblemBox, StatusBadge } from "../components/Status";
import { problemOf, type Problem } from "../errors";
import { graphql } from "../gql";
import { defineMessages, formatDateTime, useEnumLabel, useLanguage, usePeriodLabel, useT } from "../i18n";
import "./TaskPage.css";

const TaskForm = lazy(() => import("../components/TaskForm"));

const TASK = graphql(`
  query TaskPageTask($id: ID!) {
    task(id: $id) {
      id name state instructions dueAt createdAt completedAt
      completedBy { id username }
      assignee { id name }
      candidates { id name }
      data
      form { schema uiSchema }
      processInstance {
        id key status
        definition { id name }
        subject { id name position { title } unit { name } }
        plan { id }
        evaluation { id }
        actionPlan { id period { kind number year } }
        history { id kind outcome createdAt actor { id username } task { id name } }
      }
    }
  }
`);

const SAVE_DRAFT = graphql(`
  mutation TaskPageSaveDraft($id: ID!, $data: JSON!) {
    saveTaskDraft(id: $id, data: $data) { id data }
  }
`);

const COMPLETE = graphql(`
  mutation TaskPageComplete($id: ID!, $data: JSON!) {
    completeTask(id: $id, data: $data) {
      task { id state data completedAt completedBy { id username } }
      processInstance { id status }
      nextTasks { id name dueAt assignee { id name } processInstance { id subject { id name } } }
    }
  }
`);

const text = defineMessages({
  id: {
    process: "Proses", subject: "Pegawai", due: "Jatuh tempo", assignee: "Dikerjakan oleh", claimable: "Bisa diambil",
    state: "Status", instructions: "Petunjuk", context: "Yang dinilai", actionPlan: "Lihat rencana aksi {period} (aksi dan targetnya)", history: "Riwayat proses", form: "Isian",
    kind: "Kejadian", actor: "Oleh", taskName: "Tugas", time: "Waktu", outcome: "Keputusan",
    back: "Kembali ke daftar tugas", saved: "Draf tersimpan.", completed: "Tugas selesai. Terima kasih.",
    nextTasks: "Tugas berikutnya", noNext: "Tidak ada tugas lanjutan untuk proses ini.",
    conflict: "Orang lain sudah menindaklanjuti tugas ini lebih dulu. Tugas dimuat ulang; isian Anda tetap di bawah.",
    unsent: "Isian Anda (belum terkirim)", readOnly: "Tugas ini sudah {state}; isian hanya dapat dibaca.",
    completedBy: "Diselesaikan oleh {who} pada {when}.", noForm: "Tugas ini tidak memerlukan isian.",
    overdue: "terlambat", fixFields: "Periksa isian yang ditandai.",
    STARTED: "Dimulai", CLAIMED: "Diambil", UNCLAIMED: "Dilepas", DRAFT_SAVED: "Draf disimpan", REASSIGNED: "Dialihkan",
    COMPLETED: "Diselesaikan", TIMER_FIRED: "Pengingat waktu", TIMER_FAILED: "Pengingat gagal", MIGRATED: "Dipindahkan versi",
    ENDED: "Proses selesai", system: "Sistem", complete: "Selesaikan",
    APPROVE: "Setujui", REVISE: "Dikembalikan untuk perbaikan", SUBMIT: "Diajukan",
  },
  en: {
    process: "Process", subject: "Employee", due: "Due", assignee: "Assigned to", claimable: "Claimable",
    state: "Status", instructions: "Instructions", context: "Under review", actionPlan: "View the action plan of {period} (actions and targets)", history: "Process history", form: "Form",
    kind: "Event", actor: "By", taskName: "Task", time: "Time", outcome: "Decision",
    back: "Back to the task list", saved: "Draft saved.", completed: "Task completed. Thank you.",
    nextTasks: "Next tasks", noNext: "No further task in this process for now.",
    conflict: "Someone else already acted on this task. The task was reloaded; what you typed is still below.",
    unsent: "What you typed (not sent)", readOnly: "This task is {state}; the form is read-only.",
    completedBy: "Completed by {who} on {when}.", noForm: "This task takes no input.",
    overdue: "overdue", fixFields: "Check the marked fields.",
    STARTED: "Started", CLAIMED: "Claimed", UNCLAIMED: "Given back", DRAFT_SAVED: "Draft saved", REASSIGNED: "Reassigned",
    COMPLETED: "Completed", TIMER_FIRED: "Timer", TIMER_FAILED: "Timer failed", MIGRATED: "Migrated",
    ENDED: "Process ended", system: "System", complete: "Complete",
    APPROVE: "Approved", REVISE: "Sent back for revision", SUBMIT: "Submitted",
  },
});

type Data = Record<string, unknown>;
type Next = { id: string; name: string; dueAt?: string | null; assignee?: { name: string } | null;
  processInstance: { subject: { name: string } } };

export default function TaskPage() {
  const { id = "" } = useParams();
  const t = useT(text);
  const label = useEnumLabel();
  const periodLabel = usePeriodLabel();
  const { language } = useLanguage();
  const { data, error, loading, refetch } = useQuery(TASK, { variables: { id } });
  const [saveDraft, saving] = useMutation(SAVE_DRAFT);
  const [complete, completing] = useMutation(COMPLETE);
  const [formData, setFormData] = useState<Data>({});
  const [problem, setProblem] = useState<Problem | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [conflict, setConflict] = useState(false);
  const [done, setDone] = useState<Next[] | null>(null);
  const loadedFor = useRef<string | null>(null);
  const wasOpen = useRef(false);
  const task = data?.task;

  // The form starts from the saved draft (or the submitted data), once per task: a reload of
  // the task (a live refresh, a CONFLICT) never overwrites what the person typed.
  useEffect(() => {
    if (task && loadedFor.current !== task.id) {
      loadedFor.current = task.id;
      setFormData(((task.data ?? {}) as Data) || {});
      setProblem(null);
      setNotice(null);
      setConflict(false);
      setDone(null);
      wasOpen.current = task.state === "READY";
      return;
    }
    // Completed elsewhere while open here (a live refresh): someone else acted first.
    if (task && task.state !== "READY" && wasOpen.current && !completing.called) {
      wasOpen.current = false;
      setConflict(true);
    }
  }, [task, completing.called]);

  if (loading && !data) return <Loading />;
  if (error && !task) return <><h1>{t("form")}</h1><ProblemBox error={error} /><p><Link to="/tugas">{t("back")}</Link></p></>;
  if (!task) return <ProblemBox />;

  const instance = task.processInstance;
  const schema = task.form?.schema as Record<string, unknown> | undefined;
  const properties = Object.keys((schema?.properties ?? {}) as Data);
  const open = task.state === "READY";
  const overdue = open && task.dueAt && new Date(task.dueAt) < new Date();
  const fieldsOnForm = Object.fromEntries(Object.entries(problem?.fields ?? {}).filter(([k]) => properties.includes(k.split(".")[0])));
  const fieldsElsewhere = Object.entries(problem?.fields ?? {}).filter(([k]) => !properties.includes(k.split(".")[0]));

  async function run(action: "save" | "complete", values: Data) {
    setProblem(null);
    setNotice(null);
    setFormData(values);
    try {
      if (action === "save") {
        await saveDraft({ variables: { id, data: values } });
        setNotice(t("saved"));
      } else {
        const result = await complete({ variables: { id, data: values } });
        setDone((result.data?.completeTask.nextTasks ?? []) as Next[]);
        await refetch().catch(() => undefined);
      }
    } catch (e) {
      const p = problemOf(e);
      setProblem(p);
      if (p.code === "CONFLICT") {
        setConflict(true);
        await refetch().catch(() => undefined);
      }
    }
  }

  return (
    <div className="k-task">
      <p className="k-muted k-task-process">{t("process")}: {instance.definition.name || instance.key}</p>
      <h1>{task.name}</h1>
      <dl className="k-task-facts">
        <div><dt>{t("subject")}</dt><dd>{instance.subject.name}<span className="k-muted"> — {instance.subject.position.title}, {instance.subject.unit.name}</span></dd></div>
        <div><dt>{t("state")}</dt><dd><StatusBadge status={task.state} /></dd></div>
        <div><dt>{t("due")}</dt><dd className={overdue ? "k-overdue" : undefined}>
          {formatDateTime(task.dueAt, language)}{overdue ? ` (${t("overdue")})` : ""}</dd></div>
        <div><dt>{t("assignee")}</dt><dd>{task.assignee?.name ?? t("claimable")}</dd></div>
      </dl>

      {done && (
        <div className="k-alert k-alert-success" role="status">
          <p><strong>{t("completed")}</strong></p>
          {done.length ? (
            <>
              <p>{t("nextTasks")}:</p>
              <ul>
                {done.map((next) => (
                  <li key={next.id}>
                    <Link to={`/tugas/${next.id}`}>{next.name}</Link> — {next.processInstance.subject.name}
                    {next.assignee ? ` (${next.assignee.name})` : ""}
                  </li>
                ))}
              </ul>
            </>
          ) : <p>{t("noNext")}</p>}
          <p><Link to="/tugas">{t("back")}</Link></p>
        </div>
      )}

      {task.instructions && (
        <section className="k-card" aria-labelledby="task-instructions">
          <h2 id="task-instructions">{t("instructions")}</h2>
          <Markdown text={task.instructions} />
        </section>
      )}

      {(instance.plan || instance.evaluation || instance.actionPlan) && (
        <section className="k-card" aria-labelledby="task-context">
          <h2 id="task-context">{t("context")}</h2>
          {instance.plan && <PlanSummary planId={instance.plan.id} />}
          {instance.evaluation && <EvaluationSummary evaluationId={instance.evaluation.id} />}
          {instance.actionPlan && (
            <p data-testid="task-action-plan">
              <Link to={`/harian/rencana-aksi/${encodeURIComponent(instance.actionPlan.id)}`}>
                {t("actionPlan", { period: periodLabel(instance.actionPlan.period) })}
              </Link>
            </p>
          )}
        </section>
      )}

      <section className="k-card" aria-labelledby="task-form">
        <h2 id="task-form">{conflict && !open ? t("unsent") : t("form")}</h2>
        {conflict && problem?.code !== "CONFLICT" && <div className="k-alert k-alert-error" role="alert">{t("conflict")}</div>}
        {problem && (
          <div className="k-alert k-alert-error" role="alert">
            {problem.code === "CONFLICT" ? <p>{t("conflict")}</p> : null}
            <p>{problem.message}</p>
            {Object.keys(fieldsOnForm).length > 0 && <p>{t("fixFields")}</p>}
            {fieldsElsewhere.length > 0 && (
              <ul>{fieldsElsewhere.map(([k, v]) => <li key={k}>{k}: {v}</li>)}</ul>
            )}
            {problem.errors.length > 0 && (
              <ul>{problem.errors.map((row, i) => <li key={i}>{String(row.message ?? JSON.stringify(row))}</li>)}</ul>
            )}
          </div>
        )}
        {notice && <div className="k-alert k-alert-success" role="status">{notice}</div>}
        {!open && !done && (
          <p className="k-muted">
            {t("readOnly", { state: label(task.state).toLowerCase() })}{" "}
            {task.completedAt && t("completedBy", { who: task.completedBy?.username ?? "–", when: formatDateTime(task.completedAt, language) })}
          </p>
        )}
        {schema ? (
          <Suspense fallback={<Loading />}>
            <TaskForm
              schema={schema}
              uiSchema={task.form?.uiSchema}
              formData={formData}
              onChange={setFormData}
              serverFields={fieldsOnForm}
              readonly={!open}
              busy={saving.loading || completing.loading}
              onSaveDraft={(values) => void run("save", values)}
              onComplete={(values) => void run("complete", values)}
            />
          </Suspense>
        ) : (
          <>
            <p className="k-muted">{t("noForm")}</p>
            {open && (
              <button type="button" className="k-button k-primary" disabled={completing.loading}
                onClick={() => void run("complete", {})}>{t("complete")}</button>
            )}
          </>
        )}
      </section>

      <section className="k-card" aria-labelledby="task-history">
        <h2 id="task-history">{t("history")}</h2>
        <div className="k-table-wrap" role="region" tabIndex={0} aria-label={t("history")}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t("time")}</th>
                <th scope="col">{t("kind")}</th>
                <th scope="col">{t("taskName")}</th>
                <th scope="col">{t("actor")}</th>
                <th scope="col">{t("outcome")}</th>
              </tr>
            </thead>
            <tbody>
              {instance.history.map((event) => (
                <tr key={event.id}>
                  <td>{formatDateTime(event.createdAt, language)}</td>
                  <td>{event.kind in text.id ? t(event.kind as keyof typeof text.id) : event.kind}</td>
                  <td>{event.task?.name ?? "–"}</td>
                  <td>{event.actor?.username ?? t("system")}</td>
                  <td>{event.outcome ? (event.outcome in text.id ? t(event.outcome as keyof typeof text.id) : event.outcome) : "–"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <p><Link to="/tugas">{t("back")}</Link></p>
    </div>
  );
}
