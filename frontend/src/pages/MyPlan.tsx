/**
 * SKP saya: my plan for a year (/skp, with a year picker) or any plan I may see (/skp/:planId).
 * The owner edits work results, indicators and attachments while the plan is a draft, and submits
 * it through the plan's `draft` task; everybody sees the status, the rater's notes and the
 * history, refreshed live by the planProgress subscription.
 */
import { useMutation, useQuery, useSubscription } from "@apollo/client/react";
import { useState, type FormEvent } from "react";
import { Link, useParams } from "react-router";
import { DocumentLink } from "../components/DocumentLink";
import { PlanHistory } from "../components/PlanSummary";
import { Loading, Notice, ProblemBox, StatusBadge } from "../components/Status";
import { pkOf, problemOf, type ProblemRow } from "../errors";
import { graphql } from "../gql";
import type { MyPlanFieldsFragment } from "../gql/graphql";
import { defineMessages, useEnumLabel, useT } from "../i18n";
import { IndicatorTable } from "../components/IndicatorTable";
import { useMe } from "../session";
import "./MyPlan.css";

graphql(`
  fragment MyPlanFields on PerformancePlan {
    id year status revisionNotes isOverdue attachments approvedAt
    employee { id name nip position { title } unit { id name } }
    rater { id name }
    raterSupervisor { id name }
    workResults {
      id text type position
      orgGoal { id text }
      parents { id text }
      indicators { id aspect text target unit kind }
    }
    behaviorExpectations { coreValue text }
    history { kind actor { id username } data createdAt }
    processInstance { id activeTasks { id bpmnId name assignee { id } candidates { id } } }
    supervisorWorkResults { id text }
    document { ...DocumentFields }
  }
`);

const MY_PLAN = graphql(`
  query MyPlanMine($year: Int!) {
    myPlan(year: $year) { ...MyPlanFields }
  }
`);

const ONE_PLAN = graphql(`
  query MyPlanById($id: ID!) {
    performancePlan(id: $id) { ...MyPlanFields }
  }
`);

const ORG_GOALS = graphql(`
  query MyPlanOrgGoals($unitId: ID!, $year: Int!) {
    orgGoals(unitId: $unitId, year: $year) { id text }
  }
`);

const PLAN_PROGRESS = graphql(`
  subscription MyPlanProgress($planId: ID!) {
    planProgress(planId: $planId) { planId kind status }
  }
`);

const UPSERT = graphql(`
  mutation MyPlanUpsertWorkResult($planId: ID!, $input: WorkResultInput!) {
    upsertWorkResult(planId: $planId, input: $input) { id }
  }
`);

const DELETE = graphql(`
  mutation MyPlanDeleteWorkResult($id: ID!) {
    deleteWorkResult(id: $id)
  }
`);

const ATTACHMENTS = graphql(`
  mutation MyPlanSetAttachments($planId: ID!, $resources: [String!]!, $accountability: [String!]!, $consequences: [String!]!) {
    setPlanAttachments(planId: $planId, resources: $resources, accountability: $accountability, consequences: $consequences) {
      id attachments
    }
  }
`);

const COMPLETE = graphql(`
  mutation MyPlanCompleteTask($id: ID!, $data: JSON!) {
    completeTask(id: $id, data: $data) { task { id state } }
  }
`);

const text = defineMessages({
  id: {
    title: "SKP saya", titleOther: "SKP {name}", year: "Tahun", noPlan: "Belum ada SKP untuk tahun {year}. SKP dibuat saat pengelola kinerja membuka tahun kinerja.",
    employee: "Pegawai", rater: "Pejabat penilai", raterSupervisor: "Atasan pejabat penilai", status: "Status", overdue: "Terlambat",
    revisionNotes: "SKP dikembalikan untuk diperbaiki", results: "Rencana hasil kerja (RHK)", noResults: "Belum ada RHK. Tambahkan RHK pertama Anda.",
    add: "Tambah RHK", edit: "Ubah", delete: "Hapus", save: "Simpan RHK", saving: "Menyimpan…", cancel: "Batal",
    resultText: "Rencana hasil kerja", type: "Jenis", supports: "RHK atasan yang diintervensi", supportsNone: "Pejabat penilai belum memiliki RHK yang ditetapkan.",
    goal: "Sasaran organisasi (Renstra / Perjanjian Kinerja)", goalNone: "Tidak ada", indicators: "Indikator kinerja individu",
    aspect: "Aspek", indicatorText: "Indikator", target: "Target", unit: "Satuan", addIndicator: "Tambah indikator", removeIndicator: "Hapus indikator {n}",
    indicatorN: "Indikator {n}", supportsLabel: "Mendukung", goalLabel: "Sasaran organisasi",
    behavior: "Perilaku kerja (BerAKHLAK): ekspektasi khusus pimpinan", noBehavior: "Belum ada ekspektasi khusus pimpinan.",
    attachments: "Lampiran SKP", resources: "Dukungan sumber daya", accountability: "Skema pertanggungjawaban", consequences: "Konsekuensi",
    onePerLine: "satu butir per baris", saveAttachments: "Simpan lampiran", savedAttachments: "Lampiran disimpan.", empty: "–",
    submitTitle: "Ajukan SKP", submitNotes: "Catatan untuk pejabat penilai (opsional)", submit: "Ajukan", submitting: "Mengajukan…",
    submitted: "SKP diajukan kepada pejabat penilai.", openTask: "Buka tugas: {name}", confirmDelete: "Hapus RHK ini?",
    readOnly: "SKP ini hanya dapat dibaca.", myPlanLink: "SKP saya", approvedAt: "Ditetapkan",
    otherYear: "Pilih tahun", download: "Unduh SKP", draftMark: "Draf: bertanda DRAFT",
    submittedMark: "Belum disetujui: bertanda DRAFT",
  },
  en: {
    title: "My SKP", titleOther: "SKP of {name}", year: "Year", noPlan: "No SKP for {year} yet. Plans are created when the performance administrator opens the year.",
    employee: "Employee", rater: "Rater", raterSupervisor: "Rater's supervisor", status: "Status", overdue: "Overdue",
    revisionNotes: "Plan sent back for revision", results: "Planned work results (RHK)", noResults: "No work results yet. Add your first one.",
    add: "Add work result", edit: "Edit", delete: "Delete", save: "Save work result", saving: "Saving…", cancel: "Cancel",
    resultText: "Work result", type: "Type", supports: "Rater's work results this one supports", supportsNone: "Your rater has no approved work results yet.",
    goal: "Organizational goal (Renstra / performance agreement)", goalNone: "None", indicators: "Individual performance indicators",
    aspect: "Aspect", indicatorText: "Indicator", target: "Target", unit: "Unit", addIndicator: "Add indicator", removeIndicator: "Remove indicator {n}",
    indicatorN: "Indicator {n}", supportsLabel: "Supports", goalLabel: "Organizational goal",
    behavior: "Work behaviour (BerAKHLAK): leader's specific expectations", noBehavior: "No specific expectations yet.",
    attachments: "Plan attachments", resources: "Resource support", accountability: "Accountability scheme", consequences: "Consequences",
    onePerLine: "one item per line", saveAttachments: "Save attachments", savedAttachments: "Attachments saved.", empty: "–",
    submitTitle: "Submit the plan", submitNotes: "Notes for the rater (optional)", submit: "Submit", submitting: "Submitting…",
    submitted: "Plan submitted to your rater.", openTask: "Open task: {name}", confirmDelete: "Delete this work result?",
    readOnly: "This plan is read-only.", myPlanLink: "My SKP", approvedAt: "Approved",
    otherYear: "Choose year", download: "Download SKP", draftMark: "Draft: marked DRAFT",
    submittedMark: "Not approved yet: marked DRAFT",
  },
});

type Plan = MyPlanFieldsFragment;
type WorkResult = Plan["workResults"][number];
type Translate = ReturnType<typeof useT<keyof typeof text.id>>;

const ASPECTS = ["KUANTITAS", "KUALITAS", "WAKTU", "BIAYA"] as const;
const CORE_VALUES = ["BERORIENTASI_PELAYANAN", "AKUNTABEL", "KOMPETEN", "HARMONIS", "LOYAL", "ADAPTIF", "KOLABORATIF"] as const;

export default function MyPlan() {
  const { planId } = useParams();
  const t = useT(text);
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(thisYear);
  const mine = useQuery(MY_PLAN, { variables: { year }, skip: Boolean(planId) });
  const other = useQuery(ONE_PLAN, { variables: { id: planId ?? "" }, skip: !planId });
  const result = planId ? other : mine;
  const plan = planId ? other.data?.performancePlan : mine.data?.myPlan;

  return (
    <>
      {!planId && (
        <div className="k-spread">
          <h1>{t("title")}</h1>
          <div>
            <label htmlFor="plan-year">{t("year")}</label>
            <select id="plan-year" value={year} onChange={(e) => setYear(Number(e.target.value))}>
              {[thisYear - 2, thisYear - 1, thisYear, thisYear + 1].map((y) => <option key={y} value={y}>{y}</option>)}
            </select>
          </div>
        </div>
      )}
      {planId && <h1>{plan ? t("titleOther", { name: plan.employee.name }) : t("title")}</h1>}
      {result.loading && !plan && <Loading />}
      {result.error && !plan && <ProblemBox error={result.error} />}
      {!planId && !mine.loading && !mine.error && mine.data && !plan && <Notice>{t("noPlan", { year })}</Notice>}
      {plan && <PlanView plan={plan} refetch={() => result.refetch().catch(() => undefined)} />}
    </>
  );
}

function PlanView({ plan, refetch }: { plan: Plan; refetch: () => void }) {
  const t = useT(text);
  const label = useEnumLabel();
  const me = useMe();
  const isMine = plan.employee.id === me.employee?.id;
  const editable = isMine && plan.status === "DRAFT";
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<string | null>(null);
  const [rowErrors, setRowErrors] = useState<ProblemRow[]>([]);
  // Every change of the plan (sent back, approved, a realization…): read it again, no reload.
  useSubscription(PLAN_PROGRESS, { variables: { planId: plan.id }, onData: () => refetch() });
  const goals = useQuery(ORG_GOALS, {
    variables: { unitId: plan.employee.unit.id, year: plan.year },
    skip: !editable || plan.supervisorWorkResults.length > 0,
  });
  const orgGoals = goals.data?.orgGoals ?? [];
  // Only the tasks that are mine to do (held, or mine to claim): the instance's other open tasks
  // (HR's follow-up of a late SKP, say) are visible but not the viewer's work.
  const mine = me.employee?.id;
  const tasks = (plan.processInstance?.activeTasks ?? []).filter((task) =>
    task.assignee ? task.assignee.id === mine : task.candidates.some((c) => c.id === mine));
  const draftTask = tasks.find((task) => task.bpmnId === "draft" && (!task.assignee || task.assignee.id === me.employee?.id));
  const errorsFor = (result: WorkResult) =>
    rowErrors.filter((row) => row.workResultId != null && String(row.workResultId) === pkOf(result.id));
  const generalErrors = rowErrors.filter((row) => row.workResultId == null);

  return (
    <>
      <section className="k-card" aria-label={t("status")}>
        <dl className="k-plan-facts">
          <div><dt>{t("employee")}</dt><dd>{plan.employee.name}<br /><span className="k-muted">{plan.employee.position.title}, {plan.employee.unit.name}</span></dd></div>
          <div><dt>{t("year")}</dt><dd>{plan.year}</dd></div>
          <div>
            <dt>{t("status")}</dt>
            <dd data-testid="plan-status"><StatusBadge status={plan.status} />{plan.isOverdue && <> <span className="k-overdue">{t("overdue")}</span></>}</dd>
          </div>
          <div><dt>{t("rater")}</dt><dd>{plan.rater?.name ?? t("empty")}</dd></div>
          <div><dt>{t("raterSupervisor")}</dt><dd>{plan.raterSupervisor?.name ?? t("empty")}</dd></div>
        </dl>
        {/* The PDF of a plan not yet approved is watermarked DRAFT (documents/skp.py): say so first. */}
        <DocumentLink document={plan.document} label={t("download")} testId="plan-document"
          note={plan.status === "APPROVED" ? undefined : t(plan.status === "DRAFT" ? "draftMark" : "submittedMark")} />
        {tasks.filter((task) => task !== draftTask).map((task) => (
          <p key={task.id}><Link to={`/tugas/${task.id}`}>{t("openTask", { name: task.name })}</Link></p>
        ))}
      </section>

      {plan.revisionNotes && plan.status === "DRAFT" && (
        <div className="k-alert k-alert-error" data-testid="revision-notes">
          <strong>{t("revisionNotes")}:</strong> {plan.revisionNotes}
        </div>
      )}

      <section className="k-card" aria-labelledby="plan-results-heading">
        <div className="k-spread">
          <h2 id="plan-results-heading">{t("results")}</h2>
          {editable && !adding && (
            <button type="button" className="k-button" onClick={() => { setAdding(true); setEditing(null); }}>{t("add")}</button>
          )}
        </div>
        {plan.workResults.length === 0 && !adding && <p className="k-muted">{t("noResults")}</p>}
        {plan.workResults.map((result, index) => (
          <article key={result.id} className="k-plan-result" data-testid="work-result" aria-labelledby={`wr-${index}`}>
            {editing === result.id ? (
              <WorkResultForm plan={plan} initial={result} orgGoals={orgGoals} t={t}
                onDone={() => { setEditing(null); setRowErrors([]); refetch(); }} />
            ) : (
              <WorkResultView result={result} index={index} editable={editable} t={t} label={label}
                errors={errorsFor(result)} onEdit={() => { setEditing(result.id); setAdding(false); }} onDeleted={refetch} />
            )}
          </article>
        ))}
        {adding && (
          <div className="k-plan-result">
            <WorkResultForm plan={plan} orgGoals={orgGoals} t={t} onDone={() => { setAdding(false); setRowErrors([]); refetch(); }} />
          </div>
        )}
      </section>

      {editable && draftTask && (
        <SubmitBox taskId={draftTask.id} t={t} onErrors={setRowErrors} generalErrors={generalErrors} onDone={refetch} />
      )}

      <section className="k-card" aria-labelledby="plan-behavior-heading">
        <h2 id="plan-behavior-heading">{t("behavior")}</h2>
        {!plan.behaviorExpectations.some((e) => e.text.trim()) ? (
          <p className="k-muted">{t("noBehavior")}</p>
        ) : (
          <dl>
            {CORE_VALUES.filter((value) => plan.behaviorExpectations.some((e) => e.coreValue === value && e.text.trim())).map((value) => (
              <div key={value}>
                <dt><strong>{label(value)}</strong></dt>
                <dd>{plan.behaviorExpectations.find((e) => e.coreValue === value)?.text}</dd>
              </div>
            ))}
          </dl>
        )}
      </section>

      <Attachments plan={plan} editable={editable} t={t} onSaved={refetch} />
      <PlanHistory history={plan.history} />
    </>
  );
}

function WorkResultView({ result, index, editable, t, label, errors, onEdit, onDeleted }: {
  result: WorkResult; index: number; editable: boolean; t: Translate; label: (v: string) => string;
  errors: ProblemRow[]; onEdit: () => void; onDeleted: () => void;
}) {
  const [remove, { loading }] = useMutation(DELETE);
  const [problem, setProblem] = useState<string | null>(null);
  async function del() {
    if (!window.confirm(t("confirmDelete"))) return;
    setProblem(null);
    try {
      await remove({ variables: { id: result.id } });
      onDeleted();
    } catch (error) {
      setProblem(problemOf(error).message);
    }
  }
  return (
    <>
      <h3 id={`wr-${index}`}>{index + 1}. {result.text} <span className="k-muted">({label(result.type)})</span></h3>
      {errors.map((row, i) => (
        <div key={i} className="k-alert k-alert-error" role="alert" data-testid="work-result-error">{row.message}</div>
      ))}
      {problem && <div className="k-alert k-alert-error" role="alert">{problem}</div>}
      {result.parents.length > 0 && <p><strong>{t("supportsLabel")}:</strong> {result.parents.map((p) => p.text).join("; ")}</p>}
      {result.orgGoal && <p><strong>{t("goalLabel")}:</strong> {result.orgGoal.text}</p>}
      <IndicatorTable indicators={result.indicators} />
      {editable && (
        <div className="k-form-actions">
          <button type="button" className="k-button" onClick={onEdit} aria-label={`${t("edit")}: ${result.text}`}>{t("edit")}</button>
          <button type="button" className="k-button k-danger" onClick={del} disabled={loading} aria-label={`${t("delete")}: ${result.text}`}>{t("delete")}</button>
        </div>
      )}
    </>
  );
}

interface IndicatorDraft { aspect: string; text: string; target: string; unit: string }
let formCounter = 0;

function WorkResultForm({ plan, initial, orgGoals, t, onDone }: {
  plan: Plan; initial?: WorkResult; orgGoals: { id: string; text: string }[]; t: Translate; onDone: () => void;
}) {
  const label = useEnumLabel();
  const [prefix] = useState(() => `wrf${++formCounter}`);
  const [resultText, setResultText] = useState(initial?.text ?? "");
  const [type, setType] = useState<string>(initial?.type ?? "UTAMA");
  const [parents, setParents] = useState<string[]>(initial?.parents.map((p) => p.id) ?? []);
  const [goal, setGoal] = useState(initial?.orgGoal?.id ?? "");
  const [indicators, setIndicators] = useState<IndicatorDraft[]>(
    initial?.indicators.map(({ aspect, text: itext, target, unit }) => ({ aspect, text: itext, target, unit }))
      ?? [{ aspect: "KUANTITAS", text: "", target: "", unit: "" }]);
  const [problem, setProblem] = useState<{ message: string; fields: Record<string, string> } | null>(null);
  const [save, { loading }] = useMutation(UPSERT);

  const setIndicator = (i: number, patch: Partial<IndicatorDraft>) =>
    setIndicators(indicators.map((row, j) => (j === i ? { ...row, ...patch } : row)));

  async function submit(event: FormEvent) {
    event.preventDefault();
    setProblem(null);
    try {
      await save({
        variables: {
          planId: plan.id,
          input: {
            id: initial?.id ?? null, text: resultText, type: type as "UTAMA" | "TAMBAHAN", parentIds: parents,
            orgGoalId: goal || null,
            indicators: indicators.map((row) => ({ ...row, aspect: row.aspect as (typeof ASPECTS)[number] })),
          },
        },
      });
      onDone();
    } catch (error) {
      const p = problemOf(error);
      setProblem({ message: p.message, fields: p.fields });
    }
  }

  return (
    <form onSubmit={submit} noValidate data-testid="work-result-form">
      {problem && <div className="k-alert k-alert-error" role="alert">{problem.message}</div>}
      <label htmlFor={`${prefix}-text`}>{t("resultText")}</label>
      <textarea id={`${prefix}-text`} value={resultText} onChange={(e) => setResultText(e.target.value)} required />
      <label htmlFor={`${prefix}-type`}>{t("type")}</label>
      <select id={`${prefix}-type`} value={type} onChange={(e) => setType(e.target.value)}>
        <option value="UTAMA">{label("UTAMA")}</option>
        <option value="TAMBAHAN">{label("TAMBAHAN")}</option>
      </select>
      {plan.supervisorWorkResults.length > 0 || orgGoals.length === 0 ? (
        <fieldset>
          <legend>{t("supports")}</legend>
          {plan.supervisorWorkResults.length === 0 && <p className="k-muted">{t("supportsNone")}</p>}
          {plan.supervisorWorkResults.map((parent) => (
            <label key={parent.id} className="k-check">
              <input type="checkbox" checked={parents.includes(parent.id)}
                onChange={(e) => setParents(e.target.checked ? [...parents, parent.id] : parents.filter((p) => p !== parent.id))} />
              <span>{parent.text}</span>
            </label>
          ))}
        </fieldset>
      ) : (
        <>
          <label htmlFor={`${prefix}-goal`}>{t("goal")}</label>
          <select id={`${prefix}-goal`} value={goal} onChange={(e) => setGoal(e.target.value)}>
            <option value="">{t("goalNone")}</option>
            {orgGoals.map((g) => <option key={g.id} value={g.id}>{g.text}</option>)}
          </select>
        </>
      )}
      <fieldset>
        <legend>{t("indicators")}</legend>
        {indicators.map((row, i) => (
          <div key={i} className="k-indicator-row" role="group" aria-label={t("indicatorN", { n: i + 1 })}>
            <div>
              <label htmlFor={`${prefix}-aspect-${i}`}>{t("aspect")}</label>
              <select id={`${prefix}-aspect-${i}`} value={row.aspect} onChange={(e) => setIndicator(i, { aspect: e.target.value })}>
                {ASPECTS.map((a) => <option key={a} value={a}>{label(a)}</option>)}
              </select>
            </div>
            <div>
              <label htmlFor={`${prefix}-ind-${i}`}>{t("indicatorText")}</label>
              <input id={`${prefix}-ind-${i}`} value={row.text} onChange={(e) => setIndicator(i, { text: e.target.value })} />
            </div>
            <div>
              <label htmlFor={`${prefix}-target-${i}`}>{t("target")}</label>
              <input id={`${prefix}-target-${i}`} value={row.target} onChange={(e) => setIndicator(i, { target: e.target.value })} />
            </div>
            <div>
              <label htmlFor={`${prefix}-unit-${i}`}>{t("unit")}</label>
              <input id={`${prefix}-unit-${i}`} value={row.unit} onChange={(e) => setIndicator(i, { unit: e.target.value })} />
            </div>
            {indicators.length > 1 && (
              <div>
                <button type="button" className="k-button" onClick={() => setIndicators(indicators.filter((_, j) => j !== i))}>
                  {t("removeIndicator", { n: i + 1 })}
                </button>
              </div>
            )}
          </div>
        ))}
        <button type="button" className="k-button"
          onClick={() => setIndicators([...indicators, { aspect: "KUALITAS", text: "", target: "", unit: "" }])}>
          {t("addIndicator")}
        </button>
      </fieldset>
      <div className="k-form-actions">
        <button type="submit" className="k-button k-primary" disabled={loading}>{loading ? t("saving") : t("save")}</button>
        <button type="button" className="k-button" onClick={onDone}>{t("cancel")}</button>
      </div>
    </form>
  );
}

function SubmitBox({ taskId, t, onErrors, generalErrors, onDone }: {
  taskId: string; t: Translate; onErrors: (rows: ProblemRow[]) => void; generalErrors: ProblemRow[]; onDone: () => void;
}) {
  const [notes, setNotes] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [complete, { loading }] = useMutation(COMPLETE);
  async function submit(event: FormEvent) {
    event.preventDefault();
    setProblem(null);
    onErrors([]);
    try {
      await complete({ variables: { id: taskId, data: notes.trim() ? { decision: "SUBMIT", notes: notes.trim() } : { decision: "SUBMIT" } } });
      setDone(true);
      onDone();
    } catch (error) {
      const p = problemOf(error);
      setProblem(p.message);
      onErrors(p.errors);
    }
  }
  return (
    <section className="k-card" aria-labelledby="plan-submit-heading">
      <h2 id="plan-submit-heading">{t("submitTitle")}</h2>
      {done && <div className="k-alert k-alert-success" role="status">{t("submitted")}</div>}
      {problem && (
        <div className="k-alert k-alert-error" role="alert" data-testid="submit-error">
          {problem}
          {generalErrors.filter((row) => row.message && row.message !== problem).map((row, i) => <div key={i}>{row.message}</div>)}
        </div>
      )}
      <form onSubmit={submit}>
        <label htmlFor="plan-submit-notes">{t("submitNotes")}</label>
        <textarea id="plan-submit-notes" value={notes} onChange={(e) => setNotes(e.target.value)} />
        <div className="k-form-actions">
          <button type="submit" className="k-button k-primary" disabled={loading}>{loading ? t("submitting") : t("submit")}</button>
          <Link className="k-button" to={`/tugas/${taskId}`}>{t("openTask", { name: t("submitTitle") })}</Link>
        </div>
      </form>
    </section>
  );
}

function Attachments({ plan, editable, t, onSaved }: { plan: Plan; editable: boolean; t: Translate; onSaved: () => void }) {
  const attachments = (plan.attachments ?? {}) as Record<string, string[] | undefined>;
  const keys = ["resources", "accountability", "consequences"] as const;
  const [values, setValues] = useState(() =>
    Object.fromEntries(keys.map((k) => [k, (attachments[k] ?? []).join("\n")])) as Record<(typeof keys)[number], string>);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [save, { loading }] = useMutation(ATTACHMENTS);
  const lines = (value: string) => value.split("\n").map((line) => line.trim()).filter(Boolean);
  async function submit(event: FormEvent) {
    event.preventDefault();
    setMessage(null);
    try {
      await save({ variables: { planId: plan.id, resources: lines(values.resources), accountability: lines(values.accountability),
        consequences: lines(values.consequences) } });
      setMessage({ ok: true, text: t("savedAttachments") });
      onSaved();
    } catch (error) {
      setMessage({ ok: false, text: problemOf(error).message });
    }
  }
  return (
    <section className="k-card" aria-labelledby="plan-attachments-heading">
      <h2 id="plan-attachments-heading">{t("attachments")}</h2>
      {editable ? (
        <form onSubmit={submit}>
          {message && <div className={`k-alert ${message.ok ? "k-alert-success" : "k-alert-error"}`} role={message.ok ? "status" : "alert"}>{message.text}</div>}
          {keys.map((key) => (
            <div key={key}>
              <label htmlFor={`plan-att-${key}`}>{t(key)} <span className="k-muted">({t("onePerLine")})</span></label>
              <textarea id={`plan-att-${key}`} value={values[key]} onChange={(e) => setValues({ ...values, [key]: e.target.value })} />
            </div>
          ))}
          <div className="k-form-actions">
            <button type="submit" className="k-button" disabled={loading}>{t("saveAttachments")}</button>
          </div>
        </form>
      ) : (
        <div className="k-grid">
          {keys.map((key) => (
            <div key={key}>
              <h3>{t(key)}</h3>
              {(attachments[key] ?? []).length === 0 ? <p className="k-muted">{t("empty")}</p> : (
                <ul>{(attachments[key] ?? []).map((item, i) => <li key={i}>{item}</li>)}</ul>
              )}
            </div>
          ))}
        </div>
      )}
    </section>
  );
}
