/**
 * The quick entry of a day's work (R-DAILY), made for a phone: the day (today by default), the
 * work result of the approved SKP (the last one used preselected), optionally the action of the
 * quarter's approved action plan it serves (offered only when that work result has some), what
 * was done (focused), the output (1 and the unit last used for that work result), optional
 * minutes, evidence files (a photo from the phone's camera, a PDF) and an evidence link;
 * "Simpan & kirim" records and submits in one request, "Simpan draf" keeps a draft. The server's
 * refusals (holiday, weekend, leave, closed month, a day still to come) land next to their field.
 */
import { useMutation, useQuery } from "@apollo/client/react";
import { useRef, useState, type FormEvent } from "react";
import { Link } from "react-router";
import { Loading, ProblemBox } from "../../components/Status";
import { problemOf } from "../../errors";
import type { DailyActionsQuery, DailyEntryFieldsFragment, DailyPlanQuery } from "../../gql/graphql";
import { defineMessages, formatDate, formatDay, useEnumLabel, useLanguage, useT } from "../../i18n";
import { DAILY_ACTIONS, DAILY_PLAN, DAILY_RECENT, RECORD_ENTRY } from "./queries";
import { yearOf } from "./shared";
import { fileSize } from "./Week";

const text = defineMessages({
  id: {
    title: "Isi progres", editTitle: "Ubah progres", date: "Tanggal", result: "Hasil kerja SKP", choose: "Pilih hasil kerja…",
    chooseError: "Pilih hasil kerja yang dikerjakan.", what: "Apa yang dikerjakan", quantity: "Jumlah", unit: "Satuan output",
    minutes: "Durasi (menit, opsional)", link: "Tautan bukti (opsional)", send: "Simpan & kirim", draft: "Simpan draf",
    saving: "Menyimpan…", sent: "Progres {date} tersimpan dan diajukan kepada atasan.", drafted: "Draf progres {date} tersimpan.",
    cancel: "Batal mengubah", check: "Periksa isian yang ditandai.", returned: "Dikembalikan atasan",
    noPlan: "Anda belum memiliki SKP tahun {year} yang disetujui. Progres harian dicatat pada hasil kerja SKP yang sudah disetujui: ajukan SKP Anda dan tunggu persetujuan atasan lebih dulu.",
    planStatus: "Status SKP tahun {year}: {status}.", openPlan: "Buka SKP saya", noResults: "SKP tahun {year} yang disetujui tidak memuat hasil kerja.",
    action: "Rencana aksi (opsional)", noAction: "Tanpa rencana aksi", files: "Berkas bukti (opsional)",
    filesHint: "PDF, PNG, atau JPEG; foto dari kamera juga bisa.", chosen: "Akan diunggah:", current: "Berkas bukti tersimpan",
    remove: "Hapus {name}",
  },
  en: {
    title: "Record progress", editTitle: "Change an entry", date: "Date", result: "SKP work result", choose: "Choose a work result…",
    chooseError: "Choose the work result you worked on.", what: "What did you do", quantity: "Quantity", unit: "Output unit",
    minutes: "Duration (minutes, optional)", link: "Evidence link (optional)", send: "Save & submit", draft: "Save draft",
    saving: "Saving…", sent: "Progress of {date} saved and submitted to your rater.", drafted: "Draft of {date} saved.",
    cancel: "Stop changing", check: "Check the marked fields.", returned: "Returned by the rater",
    noPlan: "You have no approved SKP for {year} yet. Daily progress is recorded against the work results of an approved SKP: submit your SKP and have your rater approve it first.",
    planStatus: "Status of your {year} SKP: {status}.", openPlan: "Open my SKP", noResults: "Your approved {year} SKP has no work results.",
    action: "Action plan (optional)", noAction: "No action", files: "Evidence files (optional)",
    filesHint: "PDF, PNG or JPEG; a photo from the camera works too.", chosen: "To upload:", current: "Saved evidence files",
    remove: "Remove {name}",
  },
});

type Plan = NonNullable<DailyPlanQuery["myPlan"]>;
type ActionPlan = DailyActionsQuery["actionPlans"][number];
type Entry = DailyEntryFieldsFragment;
type Field = "date" | "workResultId" | "actionItemId" | "text" | "quantity" | "outputUnit" | "minutes" | "evidenceLink"
  | "evidenceFiles" | "removeEvidenceIds";
const FIELDS: Field[] = ["date", "workResultId", "actionItemId", "text", "quantity", "outputUnit", "minutes", "evidenceLink",
  "evidenceFiles", "removeEvidenceIds"];
const INPUT_ID: Record<Field, string> = {
  date: "daily-date", workResultId: "daily-result", actionItemId: "daily-action", text: "daily-text", quantity: "daily-quantity",
  outputUnit: "daily-unit", minutes: "daily-minutes", evidenceLink: "daily-link", evidenceFiles: "daily-files",
  removeEvidenceIds: "daily-current-files",
};
const ACCEPT = "application/pdf,image/png,image/jpeg,.pdf,.png,.jpg,.jpeg";

/** R-ACTION: the actions an entry of `date` under `resultId` may serve — those of the approved
 * action plan of the date's quarter, under that work result (the server checks the same). */
function actionsFor(actionPlans: ActionPlan[], resultId: string, date: string) {
  return actionPlans
    .filter((plan) => plan.status === "APPROVED" && plan.period.startsOn <= date && date <= plan.period.endsOn)
    .flatMap((plan) => plan.items)
    .filter((item) => item.workResult?.id === resultId);
}

/** What this person used last, for the rest of the session (the server's latest entries fill it
 * after a reload): the work result, and the output unit per work result. */
const memory = { workResultId: "", units: new Map<string, string>() };

export function EntryForm({ employeeId, date, today, onDate, editing, onCancelEdit, onSaved }: {
  employeeId: string; date: string; today: string; onDate: (date: string) => void;
  editing: Entry | null; onCancelEdit: () => void; onSaved: () => void;
}) {
  const t = useT(text);
  const label = useEnumLabel();
  const year = yearOf(date);
  const plan = useQuery(DAILY_PLAN, { variables: { year } });
  const recent = useQuery(DAILY_RECENT, { variables: { employeeId } });
  const approvedPlanId = plan.data?.myPlan?.status === "APPROVED" ? plan.data.myPlan.id : null;
  const actions = useQuery(DAILY_ACTIONS, { variables: { planId: approvedPlanId ?? "" }, skip: !approvedPlanId });
  // Kept here, not in the fields: saving a changed entry starts a fresh form (a new key).
  const [done, setDone] = useState<string | null>(null);
  // Both before the form: its defaults (the work result and unit used last) are read once, when
  // it mounts. Without the latest entries (an error) the form starts without those defaults.
  // The actions are read with the form too (their choice is part of its first layout); without
  // them (an error) the form is offered without the choice.
  if ((plan.loading && !plan.data) || (recent.loading && !recent.data) || (actions.loading && !actions.data)) return <Loading />;
  if (plan.error && !plan.data) return <ProblemBox error={plan.error} />;
  const myPlan = plan.data?.myPlan;
  const dateField = <DateField date={date} today={today} onDate={onDate} t={t} />;
  if (!myPlan || myPlan.status !== "APPROVED") {
    return (
      <>
        {dateField}
        <div className="k-alert k-alert-info" data-testid="daily-no-plan">
          <p>{t("noPlan", { year })}</p>
          {myPlan && <p>{t("planStatus", { year, status: label(myPlan.status) })}</p>}
          <Link to="/skp">{t("openPlan")}</Link>
        </div>
      </>
    );
  }
  if (myPlan.workResults.length === 0) return <>{dateField}<div className="k-alert k-alert-info">{t("noResults", { year })}</div></>;
  const latest = (recent.data?.dailyEntries.edges ?? []).map((edge) => edge.node);
  return (
    <Fields key={`${editing?.id ?? "new"}-${myPlan.id}`} plan={myPlan} actionPlans={actions.data?.actionPlans ?? []}
      latest={latest} date={date} today={today} onDate={onDate}
      editing={editing} onCancelEdit={onCancelEdit} onSaved={onSaved} done={done} setDone={setDone} t={t} />
  );
}

type Translate = ReturnType<typeof useT<keyof typeof text.id>>;

function DateField({ date, today, onDate, t, error }: {
  date: string; today: string; onDate: (date: string) => void; t: Translate; error?: string;
}) {
  const { language } = useLanguage();
  return (
    <div className="k-field">
      {/* The browser draws the picker in its own format; the day in words removes any doubt. */}
      <label htmlFor="daily-date">{t("date")} <span className="k-muted k-daily-day">{formatDay(date, language)}</span></label>
      <input id="daily-date" type="date" value={date} max={today} required
        onChange={(e) => e.target.value && onDate(e.target.value)}
        aria-invalid={error ? true : undefined} aria-describedby={error ? "daily-date-error" : undefined} />
      <FieldError field="date" message={error} />
    </div>
  );
}

function FieldError({ field, message }: { field: Field; message?: string }) {
  if (!message) return null;
  return <p className="k-field-error" id={`${INPUT_ID[field]}-error`} data-testid={`daily-error-${field}`}>{message}</p>;
}

interface Latest { workResult?: { id: string } | null; outputUnit: string }

function Fields({ plan, actionPlans, latest, date, today, onDate, editing, onCancelEdit, onSaved, done, setDone, t }: {
  plan: Plan; actionPlans: ActionPlan[]; latest: Latest[]; date: string; today: string; onDate: (date: string) => void;
  editing: Entry | null; onCancelEdit: () => void; onSaved: () => void;
  done: string | null; setDone: (message: string | null) => void; t: Translate;
}) {
  const { language } = useLanguage();
  const results = plan.workResults;
  const known = (id: string | undefined | null) => (id && results.some((r) => r.id === id) ? id : "");
  // A returning user's defaults: the work result used last (this session, else the latest entry).
  const defaultResult = known(memory.workResultId) || known(latest[0]?.workResult?.id)
    || (results.length === 1 ? results[0].id : "");
  const [resultId, setResultId] = useState(editing?.workResult?.id ?? defaultResult);
  const unitFor = (id: string) => memory.units.get(id)
    ?? latest.find((entry) => entry.workResult?.id === id)?.outputUnit
    ?? results.find((r) => r.id === id)?.indicators.find((i) => i.aspect === "KUANTITAS" && i.unit.trim())?.unit
    ?? "";
  const [what, setWhat] = useState(editing?.text ?? "");
  const [quantity, setQuantity] = useState(editing?.quantity ?? "1");
  const [unit, setUnit] = useState(editing?.outputUnit ?? unitFor(resultId));
  const [minutes, setMinutes] = useState(editing?.minutes?.toString() ?? "");
  const [link, setLink] = useState(editing?.evidenceLink ?? "");
  const [actionId, setActionId] = useState(editing?.actionItem?.id ?? "");
  const [files, setFiles] = useState<File[]>([]);
  const [filesKey, setFilesKey] = useState(0); // a new key empties the file input
  const [removeIds, setRemoveIds] = useState<string[]>([]);
  const actions = actionsFor(actionPlans, resultId, date);
  // Another work result or a day of another quarter: the action chosen no longer applies.
  const action = actions.some((item) => item.id === actionId) ? actionId : "";
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [record, { loading }] = useMutation(RECORD_ENTRY, {
    refetchQueries: ["DailyWeek", "DailyRecent"], awaitRefetchQueries: true,
  });
  const whatRef = useRef<HTMLTextAreaElement>(null);

  function chooseResult(id: string) {
    setResultId(id);
    setUnit(unitFor(id));
  }

  function focusField(field: Field) {
    document.getElementById(INPUT_ID[field])?.focus();
  }

  async function save(submit: boolean) {
    setProblem(null);
    setDone(null);
    if (!resultId) {
      setErrors({ workResultId: t("chooseError") });
      focusField("workResultId");
      return;
    }
    setErrors({});
    const minutesValue = minutes.trim() === "" ? null : Number(minutes);
    try {
      await record({
        variables: {
          input: {
            id: editing?.id ?? null, date, workResultId: resultId, text: what, quantity, outputUnit: unit,
            // Not a whole number: -1, so the server names the allowed range next to the field.
            minutes: minutesValue === null ? null : Number.isInteger(minutesValue) ? minutesValue : -1,
            evidenceLink: link, submit, actionItemId: action || null,
            evidenceFiles: files.length ? files : null, removeEvidenceIds: removeIds.length ? removeIds : null,
          },
        },
      });
    } catch (error) {
      const p = problemOf(error);
      const fields = Object.fromEntries(FIELDS.filter((f) => p.fields[f]).map((f) => [f, p.fields[f]]));
      setErrors(fields);
      const first = FIELDS.find((f) => fields[f]);
      if (first) focusField(first);
      else setProblem(p.message);
      return;
    }
    memory.workResultId = resultId;
    memory.units.set(resultId, unit.trim());
    setDone(t(submit ? "sent" : "drafted", { date: formatDate(date, language) }));
    setWhat("");
    setQuantity("1");
    setMinutes("");
    setLink("");
    setActionId("");
    setFiles([]);
    setFilesKey(filesKey + 1);
    setRemoveIds([]);
    onSaved();
    whatRef.current?.focus();
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    void save(true);
  }

  const invalid = (field: Field) => (errors[field]
    ? { "aria-invalid": true as const, "aria-describedby": `${INPUT_ID[field]}-error` } : {});
  const hasErrors = Object.keys(errors).length > 0;

  return (
    <form onSubmit={onSubmit} noValidate className="k-daily-form" data-testid="daily-form">
      {editing && (
        <div className="k-alert k-alert-info k-spread">
          <span>{t("editTitle")}: {formatDate(editing.date, language)}</span>
          <button type="button" className="k-button" onClick={onCancelEdit}>{t("cancel")}</button>
        </div>
      )}
      {editing?.status === "RETURNED" && editing.returnNote && (
        <p className="k-alert k-alert-error"><strong>{t("returned")}:</strong> {editing.returnNote}</p>
      )}
      {hasErrors && <p className="k-sr-only" role="alert">{t("check")}</p>}
      {problem && <div className="k-alert k-alert-error" role="alert">{problem}</div>}
      {done && <div className="k-alert k-alert-success" role="status" data-testid="daily-saved">{done}</div>}
      <DateField date={date} today={today} onDate={(d) => { setErrors({}); onDate(d); }} t={t} error={errors.date} />

      <div className="k-field">
        <label htmlFor="daily-result">{t("result")}</label>
        <select id="daily-result" value={resultId} onChange={(e) => chooseResult(e.target.value)} {...invalid("workResultId")}>
          {!resultId && <option value="">{t("choose")}</option>}
          {results.map((result, index) => <option key={result.id} value={result.id}>{index + 1}. {result.text}</option>)}
        </select>
        <FieldError field="workResultId" message={errors.workResultId} />
      </div>

      {(actions.length > 0 || errors.actionItemId) && (
        <div className="k-field">
          <label htmlFor="daily-action">{t("action")}</label>
          <select id="daily-action" value={action} onChange={(e) => setActionId(e.target.value)} {...invalid("actionItemId")}>
            <option value="">{t("noAction")}</option>
            {actions.map((item) => (
              <option key={item.id} value={item.id}>{item.text} ({item.target}{item.unit ? ` ${item.unit}` : ""})</option>
            ))}
          </select>
          <FieldError field="actionItemId" message={errors.actionItemId} />
        </div>
      )}

      <div className="k-field">
        <label htmlFor="daily-text">{t("what")}</label>
        {/* Focused on arrival: the returning user's next move is to type. */}
        <textarea id="daily-text" ref={whatRef} value={what} onChange={(e) => setWhat(e.target.value)} autoFocus
          rows={3} maxLength={2000} {...invalid("text")} />
        <FieldError field="text" message={errors.text} />
      </div>

      <div className="k-daily-pair">
        <div className="k-field">
          <label htmlFor="daily-quantity">{t("quantity")}</label>
          <input id="daily-quantity" inputMode="decimal" value={quantity} onChange={(e) => setQuantity(e.target.value)}
            {...invalid("quantity")} />
          <FieldError field="quantity" message={errors.quantity} />
        </div>
        <div className="k-field">
          <label htmlFor="daily-unit">{t("unit")}</label>
          <input id="daily-unit" value={unit} onChange={(e) => setUnit(e.target.value)} maxLength={50} {...invalid("outputUnit")} />
          <FieldError field="outputUnit" message={errors.outputUnit} />
        </div>
      </div>

      <div className="k-daily-pair">
        <div className="k-field">
          <label htmlFor="daily-minutes">{t("minutes")}</label>
          <input id="daily-minutes" type="number" inputMode="numeric" min={1} max={1440} value={minutes}
            onChange={(e) => setMinutes(e.target.value)} {...invalid("minutes")} />
          <FieldError field="minutes" message={errors.minutes} />
        </div>
        <div className="k-field">
          <label htmlFor="daily-link">{t("link")}</label>
          <input id="daily-link" type="url" inputMode="url" value={link} onChange={(e) => setLink(e.target.value)}
            placeholder="https://" {...invalid("evidenceLink")} />
          <FieldError field="evidenceLink" message={errors.evidenceLink} />
        </div>
      </div>

      {editing && editing.evidenceFiles.length > 0 && (
        <fieldset className="k-field" id="daily-current-files" tabIndex={-1}>
          <legend>{t("current")}</legend>
          {editing.evidenceFiles.map((file) => (
            // (Daily.css has no checkbox row: its style here, as .k-check of MyPlan.css, which loads with that page only.)
            <label key={file.id} style={{ display: "flex", gap: "0.5rem", alignItems: "center", fontWeight: 400, margin: "0.25rem 0" }}>
              <input type="checkbox" checked={removeIds.includes(file.id)}
                onChange={(e) => setRemoveIds(e.target.checked ? [...removeIds, file.id] : removeIds.filter((id) => id !== file.id))} />
              <span>{t("remove", { name: file.name })} <span className="k-muted">({fileSize(file.size, language)})</span></span>
            </label>
          ))}
          <FieldError field="removeEvidenceIds" message={errors.removeEvidenceIds} />
        </fieldset>
      )}

      <div className="k-field">
        <label htmlFor="daily-files">{t("files")}</label>
        <input key={filesKey} id="daily-files" type="file" multiple accept={ACCEPT}
          onChange={(e) => {
            setFiles(Array.from(e.target.files ?? []));
            setErrors(({ evidenceFiles: _refused, ...rest }) => rest); // other files: the refusal no longer applies
          }}
          aria-describedby={["daily-files-hint", errors.evidenceFiles && "daily-files-error"].filter(Boolean).join(" ")}
          aria-invalid={errors.evidenceFiles ? true : undefined} />
        <p className="k-muted" id="daily-files-hint">{t("filesHint")}</p>
        {files.length > 0 && (
          <p className="k-muted" data-testid="daily-files-chosen">
            {t("chosen")} {files.map((file) => `${file.name} (${fileSize(file.size, language)})`).join(", ")}
          </p>
        )}
        <FieldError field="evidenceFiles" message={errors.evidenceFiles} />
      </div>

      <div className="k-daily-actions">
        <button type="submit" className="k-button k-primary" disabled={loading}>{loading ? t("saving") : t("send")}</button>
        <button type="button" className="k-button" disabled={loading} onClick={() => void save(false)}>{t("draft")}</button>
      </div>
    </form>
  );
}
