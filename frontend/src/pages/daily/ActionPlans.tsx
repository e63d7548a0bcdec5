/**
 * Rencana aksi (R-ACTION): per quarter, the actions the employee plans under the work results of
 * their approved SKP, with a target. Three ways in:
 *
 * - /harian/rencana-aksi: my action plans of the year (status, items by work result). While a
 *   quarter is in draft (new, or sent back with the rater's notes) and its drafting task is mine,
 *   I add, change and delete actions here; submitting goes through the task (/tugas/<id>), as the
 *   SKP does — the action_plan process may be changed by administrators. Raters also see their
 *   staff's action plans waiting for their decision.
 * - /harian/rencana-aksi/:actionPlanId: one action plan, for whoever may see its SKP (the rater
 *   from the task page, through ProcessInstance.actionPlan); anyone else gets NOT_FOUND.
 */
import { useMutation, useQuery } from "@apollo/client/react";
import { useId, useState, type FormEvent } from "react";
import { Link, useParams } from "react-router";
import { Loading, Notice, ProblemBox, StatusBadge } from "../../components/Status";
import { problemOf } from "../../errors";
import type { ActionPlanFieldsFragment } from "../../gql/graphql";
import { defineMessages, formatDate, formatDateTime, todayWib, useEnumLabel, useLanguage, usePeriodLabel, useT } from "../../i18n";
import { useMe } from "../../session";
import { ACTION_PLAN, ACTION_PLANS, ACTION_SKP, ACTION_TASKS, DELETE_ITEM, UPSERT_ITEM } from "./actionQueries";
import { yearOf } from "./shared";
import "./Daily.css";

const text = defineMessages({
  id: {
    title: "Rencana aksi", titleOf: "Rencana aksi {name}", back: "Progres harian saya", all: "Semua rencana aksi saya",
    intro: "Setiap triwulan, tuliskan apa yang akan Anda kerjakan di bawah hasil kerja SKP yang disetujui, beserta targetnya. Atasan menyetujui atau mengembalikannya.",
    noEmployee: "Rencana aksi disusun oleh pegawai; akun ini tidak terhubung dengan data pegawai.",
    noPlan: "Rencana aksi disusun di bawah hasil kerja SKP tahun {year} yang disetujui.", planStatus: "Status SKP tahun {year}: {status}.",
    openPlan: "Buka SKP saya", notOpened: "Rencana aksi tahun {year} belum dibuka. Pengelola kinerja (HR) unit Anda membukanya per triwulan.",
    period: "{period} · {from} – {to}", returned: "Dikembalikan", revisionNotes: "Catatan atasan",
    approvedBy: "Disetujui oleh {name}, {when}.", waitingRater: "Menunggu pemeriksaan {name}.", waiting: "Menunggu pemeriksaan atasan.",
    submitHint: "Setelah semua aksi ditulis, ajukan rencana aksi kepada atasan melalui tugasnya.", submit: "Ajukan melalui tugas",
    decide: "Periksa dan putuskan di tugas", noItems: "Belum ada aksi.", noItemsDraft: "Belum ada aksi. Tambahkan aksi di bawah hasil kerja SKP Anda.",
    orphan: "Hasil kerja yang tidak lagi ada di SKP", target: "Target: {target}",
    add: "Tambah aksi", editTitle: "Ubah aksi", result: "Hasil kerja SKP", choose: "Pilih hasil kerja…", chooseError: "Pilih hasil kerja yang didukung aksi ini.",
    what: "Aksi (apa yang akan dikerjakan)", targetLabel: "Target", unit: "Satuan (opsional)", save: "Simpan aksi", saving: "Menyimpan…",
    cancel: "Batal mengubah", edit: "Ubah", delete: "Hapus", editItem: "Ubah aksi: {text}", deleteItem: "Hapus aksi: {text}",
    confirmDelete: "Hapus aksi ini?", saved: "Aksi tersimpan.", deleted: "Aksi dihapus.", check: "Periksa isian yang ditandai.",
    staff: "Rencana aksi staf menunggu keputusan Anda", view: "Lihat rencana aksi {name}", viewShort: "Lihat rencana aksi", openTask: "Buka tugas",
  },
  en: {
    title: "Action plans", titleOf: "Action plan of {name}", back: "My daily progress", all: "All my action plans",
    intro: "Each quarter, write down what you will do under the work results of your approved SKP, with a target. Your rater approves or returns it.",
    noEmployee: "Action plans are made by employees; this account has no employee record.",
    noPlan: "Action plans are made under the work results of an approved {year} SKP.", planStatus: "Status of your {year} SKP: {status}.",
    openPlan: "Open my SKP", notOpened: "The {year} action plans are not open yet. The performance administrator (HR) of your unit opens them per quarter.",
    period: "{period} · {from} – {to}", returned: "Returned", revisionNotes: "Rater's notes",
    approvedBy: "Approved by {name}, {when}.", waitingRater: "Waiting for review by {name}.", waiting: "Waiting for the rater's review.",
    submitHint: "Once every action is written, submit the action plan to your rater through its task.", submit: "Submit through the task",
    decide: "Review and decide in the task", noItems: "No actions yet.", noItemsDraft: "No actions yet. Add actions under the work results of your SKP.",
    orphan: "Work results no longer in the SKP", target: "Target: {target}",
    add: "Add an action", editTitle: "Change an action", result: "SKP work result", choose: "Choose a work result…", chooseError: "Choose the work result this action serves.",
    what: "Action (what you will do)", targetLabel: "Target", unit: "Unit (optional)", save: "Save action", saving: "Saving…",
    cancel: "Stop changing", edit: "Change", delete: "Delete", editItem: "Change action: {text}", deleteItem: "Delete action: {text}",
    confirmDelete: "Delete this action?", saved: "Action saved.", deleted: "Action deleted.", check: "Check the marked fields.",
    staff: "Your staff's action plans waiting for your decision", view: "View the action plan of {name}", viewShort: "View the action plan", openTask: "Open the task",
  },
});

type ActionPlan = ActionPlanFieldsFragment;
type Item = ActionPlan["items"][number];

export default function ActionPlans() {
  const { actionPlanId } = useParams();
  return actionPlanId ? <OneById id={actionPlanId} /> : <Mine />;
}

function Header({ title }: { title: string }) {
  const t = useT(text);
  return (
    <div className="k-spread">
      <h1>{title}</h1>
      <Link to="/harian">{t("back")}</Link>
    </div>
  );
}

function Mine() {
  const t = useT(text);
  const label = useEnumLabel();
  const me = useMe();
  const [year] = useState(() => yearOf(todayWib()));
  const skp = useQuery(ACTION_SKP, { variables: { year }, skip: !me.employee });
  const plan = skp.data?.myPlan;
  const approved = plan?.status === "APPROVED";
  const plans = useQuery(ACTION_PLANS, { variables: { planId: plan?.id ?? "" }, skip: !approved });
  const list = [...(plans.data?.actionPlans ?? [])].sort((a, b) => b.period.number - a.period.number);

  if (!me.employee) return <><Header title={t("title")} /><Notice>{t("noEmployee")}</Notice></>;
  return (
    <>
      <Header title={t("title")} />
      <p className="k-muted">{t("intro")}</p>
      {me.subordinates.length > 0 && <StaffWaiting />}
      {(skp.loading && !skp.data) || (plans.loading && !plans.data) ? <Loading /> : null}
      {skp.error && !skp.data && <ProblemBox error={skp.error} />}
      {plans.error && !plans.data && <ProblemBox error={plans.error} />}
      {skp.data && !approved && (
        <div className="k-alert k-alert-info" data-testid="action-no-plan">
          <p>{t("noPlan", { year })}</p>
          {plan && <p>{t("planStatus", { year, status: label(plan.status) })}</p>}
          <Link to="/skp">{t("openPlan")}</Link>
        </div>
      )}
      {plans.data && list.length === 0 && <Notice>{t("notOpened", { year })}</Notice>}
      {list.map((actionPlan) => <ActionPlanCard key={actionPlan.id} actionPlan={actionPlan} />)}
    </>
  );
}

/** Raters: the action_plan tasks of their staff that wait for them, each with its action plan. */
function StaffWaiting() {
  const t = useT(text);
  const me = useMe();
  // From the network each time: a task decided since (here or elsewhere) must not linger in the list.
  const { data } = useQuery(ACTION_TASKS, { fetchPolicy: "network-only" });
  const tasks = (data?.tasks.edges ?? []).map((edge) => edge.node)
    .filter((task) => task.processInstance.key === "action_plan" && task.processInstance.subject.id !== me.employee?.id);
  if (tasks.length === 0) return null;
  return (
    <section className="k-card" aria-labelledby="action-staff-heading" data-testid="action-staff">
      <h2 id="action-staff-heading">{t("staff")}</h2>
      <ul className="k-review-queue">
        {tasks.map((task) => (
          <li key={task.id} className="k-review-item" data-testid="action-staff-item">
            <strong>{task.processInstance.subject.name}</strong>
            <span className="k-muted">{task.name}</span>
            <span className="k-action-staff-links">
              {task.processInstance.actionPlan && (
                <Link to={`/harian/rencana-aksi/${encodeURIComponent(task.processInstance.actionPlan.id)}`}
                  aria-label={t("view", { name: task.processInstance.subject.name })}>{t("viewShort")}</Link>
              )}
              <Link to={`/tugas/${encodeURIComponent(task.id)}`}>{t("openTask")}</Link>
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

function One({ actionPlan }: { actionPlan: ActionPlan }) {
  const t = useT(text);
  const me = useMe();
  const own = actionPlan.plan.employee.id === me.employee?.id;
  return (
    <>
      <Header title={own ? t("title") : t("titleOf", { name: actionPlan.plan.employee.name })} />
      {!own && <p className="k-muted">{actionPlan.plan.employee.position.title}</p>}
      {own && <p><Link to="/harian/rencana-aksi">{t("all")}</Link></p>}
      <ActionPlanCard actionPlan={actionPlan} />
    </>
  );
}

function OneById({ id }: { id: string }) {
  const t = useT(text);
  const { data, error, loading } = useQuery(ACTION_PLAN, { variables: { id } });
  if (loading && !data) return <Loading />;
  if (!data) return <><Header title={t("title")} /><ProblemBox error={error} /></>;
  return <One actionPlan={data.actionPlan} />;
}

function ActionPlanCard({ actionPlan }: { actionPlan: ActionPlan }) {
  const t = useT(text);
  const me = useMe();
  const { language } = useLanguage();
  const periodLabel = usePeriodLabel();
  const headingId = useId();
  const [editing, setEditing] = useState<Item | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [remove, removing] = useMutation(DELETE_ITEM, { refetchQueries: ["ActionPlans", "ActionPlanOne"], awaitRefetchQueries: true });
  const mine = me.employee?.id;
  const own = actionPlan.plan.employee.id === mine;
  const tasks = actionPlan.processInstance?.activeTasks ?? [];
  const draftTask = tasks.find((task) => task.bpmnId === "draft");
  const reviewTask = tasks.find((task) => task.bpmnId === "review");
  const editable = own && actionPlan.status === "DRAFT" && !!draftTask && draftTask.assignee?.id === mine;
  const returned = actionPlan.status === "DRAFT" && actionPlan.revisionNotes.trim() !== "";
  const results = actionPlan.plan.workResults;
  const known = new Set(results.map((result) => result.id));
  const orphans = actionPlan.items.filter((item) => !item.workResult || !known.has(item.workResult.id));
  const period = periodLabel(actionPlan.period);

  async function drop(item: Item) {
    if (!window.confirm(t("confirmDelete"))) return;
    setProblem(null);
    setNotice(null);
    try {
      await remove({ variables: { id: item.id } });
      if (editing?.id === item.id) setEditing(null);
      setNotice(t("deleted"));
    } catch (error) {
      setProblem(problemOf(error).message);
    }
  }

  const itemList = (items: Item[]) => (
    <ul className="k-entries">
      {items.sort((a, b) => a.position - b.position).map((item) => (
        <li key={item.id} className="k-entry" data-testid="action-item">
          <p className="k-entry-text">{item.text}</p>
          <p className="k-muted k-entry-meta">{t("target", { target: `${item.target} ${item.unit}`.trim() })}</p>
          {editable && (
            <div className="k-form-actions">
              <button type="button" className="k-button" aria-label={t("editItem", { text: item.text.slice(0, 60) })}
                onClick={() => { setEditing(item); setNotice(null); }}>{t("edit")}</button>
              <button type="button" className="k-button k-danger" disabled={removing.loading}
                aria-label={t("deleteItem", { text: item.text.slice(0, 60) })} onClick={() => void drop(item)}>{t("delete")}</button>
            </div>
          )}
        </li>
      ))}
    </ul>
  );

  return (
    <section className="k-card k-action-plan" aria-labelledby={headingId} data-testid="action-plan"
      data-status={returned ? "RETURNED" : actionPlan.status} data-period={actionPlan.period.number}>
      <div className="k-spread">
        <h2 id={headingId}>
          {t("period", { period, from: formatDate(actionPlan.period.startsOn, language), to: formatDate(actionPlan.period.endsOn, language) })}
        </h2>
        <StatusBadge status={returned ? "RETURNED" : actionPlan.status} />
      </div>
      {returned && (
        <p className="k-entry-note" data-testid="action-revision-notes"><strong>{t("revisionNotes")}:</strong> {actionPlan.revisionNotes}</p>
      )}
      {/* Only with the approver: a cached status may arrive a moment before the rest of the row. */}
      {actionPlan.status === "APPROVED" && actionPlan.approvedBy && actionPlan.approvedAt && (
        <p className="k-muted">{t("approvedBy", { name: actionPlan.approvedBy.name, when: formatDateTime(actionPlan.approvedAt, language) })}</p>
      )}
      {reviewTask && <p>{reviewTask.assignee ? t("waitingRater", { name: reviewTask.assignee.name }) : t("waiting")}</p>}
      {reviewTask && reviewTask.assignee?.id === mine && !own && (
        <p><Link to={`/tugas/${encodeURIComponent(reviewTask.id)}`} className="k-button k-primary" data-testid="action-decide">{t("decide")}</Link></p>
      )}
      {notice && <div className="k-alert k-alert-success" role="status">{notice}</div>}
      {problem && <div className="k-alert k-alert-error" role="alert">{problem}</div>}

      {actionPlan.items.length === 0 && <p className="k-muted">{editable ? t("noItemsDraft") : t("noItems")}</p>}
      {results.map((result, index) => {
        const items = actionPlan.items.filter((item) => item.workResult?.id === result.id);
        if (items.length === 0) return null;
        return (
          <div key={result.id} className="k-action-result" data-testid="action-result">
            <h3>{index + 1}. {result.text}</h3>
            {itemList(items)}
          </div>
        );
      })}
      {orphans.length > 0 && (
        <div className="k-action-result">
          <h3>{t("orphan")}</h3>
          {itemList(orphans)}
        </div>
      )}

      {editable && (
        <>
          <ItemForm key={editing?.id ?? "new"} actionPlan={actionPlan} editing={editing}
            onDone={(message) => { setEditing(null); setNotice(message); setProblem(null); }}
            onCancel={() => setEditing(null)} />
          {draftTask && (
            <div className="k-action-submit">
              <p className="k-muted">{t("submitHint")}</p>
              <Link to={`/tugas/${encodeURIComponent(draftTask.id)}`} className="k-button k-primary" data-testid="action-submit">{t("submit")}</Link>
            </div>
          )}
        </>
      )}
    </section>
  );
}

type Field = "workResultId" | "text" | "target" | "unit";
const FIELDS: Field[] = ["workResultId", "text", "target", "unit"];

function ItemForm({ actionPlan, editing, onDone, onCancel }: {
  actionPlan: ActionPlan; editing: Item | null; onDone: (message: string) => void; onCancel: () => void;
}) {
  const t = useT(text);
  const base = useId();
  const results = actionPlan.plan.workResults;
  const [resultId, setResultId] = useState(editing?.workResult?.id ?? (results.length === 1 ? results[0].id : ""));
  const [what, setWhat] = useState(editing?.text ?? "");
  const [target, setTarget] = useState(editing?.target ?? "");
  const [unit, setUnit] = useState(editing?.unit ?? "");
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [upsert, { loading }] = useMutation(UPSERT_ITEM, { refetchQueries: ["ActionPlans", "ActionPlanOne"], awaitRefetchQueries: true });
  const idOf = (field: Field) => `${base}-${field}`;

  async function save(event: FormEvent) {
    event.preventDefault();
    setProblem(null);
    if (!resultId) {
      setErrors({ workResultId: t("chooseError") });
      document.getElementById(idOf("workResultId"))?.focus();
      return;
    }
    setErrors({});
    try {
      await upsert({
        variables: { actionPlanId: actionPlan.id, input: { id: editing?.id ?? null, workResultId: resultId, text: what, target, unit } },
      });
    } catch (error) {
      const p = problemOf(error);
      const fields = Object.fromEntries(FIELDS.filter((f) => p.fields[f]).map((f) => [f, p.fields[f]]));
      setErrors(fields);
      const first = FIELDS.find((f) => fields[f]);
      if (first) document.getElementById(idOf(first))?.focus();
      else setProblem(p.message);
      return;
    }
    onDone(t("saved"));
    if (!editing) {
      setWhat("");
      setTarget("");
      setUnit("");
    }
  }

  const invalid = (field: Field) => (errors[field] ? { "aria-invalid": true as const, "aria-describedby": `${idOf(field)}-error` } : {});
  const fieldError = (field: Field) => errors[field]
    ? <p className="k-field-error" id={`${idOf(field)}-error`} data-testid={`action-error-${field}`}>{errors[field]}</p> : null;

  return (
    <form onSubmit={save} noValidate className="k-daily-form k-action-form" data-testid="action-form" aria-labelledby={`${base}-title`}>
      <h3 id={`${base}-title`}>{editing ? t("editTitle") : t("add")}</h3>
      {Object.keys(errors).length > 0 && <p className="k-sr-only" role="alert">{t("check")}</p>}
      {problem && <div className="k-alert k-alert-error" role="alert">{problem}</div>}
      <label htmlFor={idOf("workResultId")}>{t("result")}</label>
      <select id={idOf("workResultId")} value={resultId} onChange={(e) => setResultId(e.target.value)} {...invalid("workResultId")}>
        {!resultId && <option value="">{t("choose")}</option>}
        {results.map((result, index) => <option key={result.id} value={result.id}>{index + 1}. {result.text}</option>)}
      </select>
      {fieldError("workResultId")}
      <label htmlFor={idOf("text")}>{t("what")}</label>
      <textarea id={idOf("text")} rows={3} maxLength={2000} value={what} onChange={(e) => setWhat(e.target.value)} {...invalid("text")} />
      {fieldError("text")}
      <div className="k-daily-pair">
        <div>
          <label htmlFor={idOf("target")}>{t("targetLabel")}</label>
          <input id={idOf("target")} value={target} maxLength={200} onChange={(e) => setTarget(e.target.value)} {...invalid("target")} />
          {fieldError("target")}
        </div>
        <div>
          <label htmlFor={idOf("unit")}>{t("unit")}</label>
          <input id={idOf("unit")} value={unit} maxLength={50} onChange={(e) => setUnit(e.target.value)} {...invalid("unit")} />
          {fieldError("unit")}
        </div>
      </div>
      <div className="k-daily-actions">
        <button type="submit" className="k-button k-primary" disabled={loading}>{loading ? t("saving") : t("save")}</button>
        {editing && <button type="button" className="k-button" onClick={onCancel}>{t("cancel")}</button>}
      </div>
    </form>
  );
}
