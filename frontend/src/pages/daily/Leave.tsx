/**
 * Cuti dan izin (/harian/cuti, R-CALENDAR): the employee asks their rater for leave (cuti, dinas
 * luar, sick) — the days, the kind, a note —, sees their leave with its state and the rater's
 * note, and withdraws a request still waiting. Approved leave excuses its working days (the week
 * on Harian shows them as such). Raters decide their staff's requests here, each with a note
 * (required to reject: the employee needs to know why). The server's refusals (an overlap with
 * other leave, a closed month) land next to their field.
 */
import { useMutation, useQuery } from "@apollo/client/react";
import { useState, type FormEvent } from "react";
import { Link } from "react-router";
import { Loading, Notice, ProblemBox } from "../../components/Status";
import { problemOf } from "../../errors";
import type { LeaveFieldsFragment } from "../../gql/graphql";
import { defineMessages, formatDate, formatDateTime, todayWib, useEnumLabel, useLanguage, useT, type Language } from "../../i18n";
import { useMe } from "../../session";
import { CANCEL_LEAVE, DECIDE_LEAVE, MY_LEAVES, PENDING_LEAVES, REQUEST_LEAVE } from "./leaveQueries";
import "./Daily.css";

export const leaveText = defineMessages({
  id: {
    PENDING: "Menunggu atasan", APPROVED: "Disetujui", REJECTED: "Ditolak",
  },
  en: {
    PENDING: "Waiting for the rater", APPROVED: "Approved", REJECTED: "Rejected",
  },
});

const text = defineMessages({
  id: {
    title: "Cuti dan izin", back: "Progres harian saya",
    intro: "Hari cuti, dinas luar atau sakit yang disetujui atasan tidak perlu diisi progres hariannya.",
    noEmployee: "Cuti diajukan oleh pegawai; akun ini tidak terhubung dengan data pegawai.",
    request: "Ajukan cuti", kind: "Jenis", from: "Dari tanggal", to: "Sampai tanggal", note: "Keterangan (opsional)",
    send: "Ajukan kepada atasan", sending: "Mengirim…", requested: "Permohonan {kind} {days} diajukan kepada atasan.",
    check: "Periksa isian yang ditandai.", mine: "Cuti saya", none: "Belum ada cuti yang tercatat.", shown: "Ditampilkan {shown} dari {total}.",
    cancel: "Batalkan", cancelOf: "Batalkan permohonan {kind} {days}", confirmCancel: "Batalkan permohonan cuti ini?", cancelled: "Permohonan dibatalkan.",
    decisionBy: "Catatan {name}", yourNote: "Keterangan Anda", noRater: "Akun Anda belum memiliki atasan (pejabat penilai): permohonan cuti tidak dapat diputuskan. Hubungi pengelola kinerja (HR).",
    staff: "Permohonan cuti staf", staffNone: "Tidak ada permohonan cuti staf yang menunggu keputusan Anda.",
    decisionNote: "Catatan untuk pegawai (wajib bila menolak)", approve: "Setujui", reject: "Tolak",
    approveOf: "Setujui {kind} {name}, {days}", rejectOf: "Tolak {kind} {name}, {days}",
    noteRequired: "Tulis alasan penolakan: pegawai perlu mengetahuinya.", approved: "{kind} {name} ({days}) disetujui.", rejected: "{kind} {name} ({days}) ditolak.",
    askedAt: "diajukan {when}",
  },
  en: {
    title: "Leave", back: "My daily progress",
    intro: "Days of leave, official travel or sick leave approved by your rater need no daily progress.",
    noEmployee: "Leave is requested by employees; this account has no employee record.",
    request: "Request leave", kind: "Kind", from: "From", to: "Until", note: "Note (optional)",
    send: "Send to my rater", sending: "Sending…", requested: "Request for {kind} {days} sent to your rater.",
    check: "Check the marked fields.", mine: "My leave", none: "No leave recorded yet.", shown: "Showing {shown} of {total}.",
    cancel: "Withdraw", cancelOf: "Withdraw the request for {kind} {days}", confirmCancel: "Withdraw this leave request?", cancelled: "Request withdrawn.",
    decisionBy: "Note by {name}", yourNote: "Your note", noRater: "Your account has no rater yet: a leave request cannot be decided. Contact the performance administrator (HR).",
    staff: "Your staff's leave requests", staffNone: "No leave request of your staff is waiting for your decision.",
    decisionNote: "Note for the employee (required to reject)", approve: "Approve", reject: "Reject",
    approveOf: "Approve {kind} of {name}, {days}", rejectOf: "Reject {kind} of {name}, {days}",
    noteRequired: "Say why you reject it: the employee needs to know.", approved: "{kind} of {name} ({days}) approved.", rejected: "{kind} of {name} ({days}) rejected.",
    askedAt: "requested {when}",
  },
});

type Leave = LeaveFieldsFragment;
const KINDS = ["CUTI", "DINAS_LUAR", "SAKIT"] as const;
type Kind = (typeof KINDS)[number];

export function leaveDays(leave: { startsOn: string; endsOn: string }, language: Language): string {
  return leave.startsOn === leave.endsOn ? formatDate(leave.startsOn, language)
    : `${formatDate(leave.startsOn, language)} – ${formatDate(leave.endsOn, language)}`;
}

export function LeaveBadge({ status }: { status: Leave["status"] }) {
  const l = useT(leaveText);
  return <span className={`k-status k-leave-status k-status-${status}`}>{l(status)}</span>;
}

export default function LeavePage() {
  const t = useT(text);
  const me = useMe();
  if (!me.employee) return <><Header /><Notice>{t("noEmployee")}</Notice></>;
  return (
    <>
      <Header />
      <p className="k-muted">{t("intro")}</p>
      {me.subordinates.length > 0 && <StaffRequests />}
      <div className="k-daily">
        <section className="k-card" aria-labelledby="leave-form-heading">
          <h2 id="leave-form-heading">{t("request")}</h2>
          {!me.rater && <Notice>{t("noRater")}</Notice>}
          <RequestForm />
        </section>
        <MyLeaves employeeId={me.employee.id} />
      </div>
    </>
  );
}

function Header() {
  const t = useT(text);
  return (
    <div className="k-spread">
      <h1>{t("title")}</h1>
      <Link to="/harian">{t("back")}</Link>
    </div>
  );
}

type Field = "kind" | "startsOn" | "endsOn" | "note";
const FIELDS: Field[] = ["kind", "startsOn", "endsOn", "note"];
const INPUT_ID: Record<Field, string> = { kind: "leave-kind", startsOn: "leave-from", endsOn: "leave-to", note: "leave-note" };

function RequestForm() {
  const t = useT(text);
  const l = useEnumLabel();
  const { language } = useLanguage();
  const [today] = useState(todayWib);
  const [kind, setKind] = useState<Kind>("CUTI");
  const [startsOn, setStartsOn] = useState(today);
  const [endsOn, setEndsOn] = useState(today);
  const [note, setNote] = useState("");
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [request, { loading }] = useMutation(REQUEST_LEAVE, {
    refetchQueries: ["MyLeaves", "DailyWeek"], awaitRefetchQueries: true,
  });

  function from(value: string) {
    setStartsOn(value);
    if (value && (!endsOn || endsOn < value)) setEndsOn(value); // one day unless told otherwise
  }

  async function send(event: FormEvent) {
    event.preventDefault();
    setProblem(null);
    setDone(null);
    setErrors({});
    try {
      const result = await request({ variables: { startsOn, endsOn, kind, note } });
      const leave = result.data?.requestLeave;
      if (leave) setDone(t("requested", { kind: l(leave.kind).toLowerCase(), days: leaveDays(leave, language) }));
      setNote("");
    } catch (error) {
      const p = problemOf(error);
      const fields = Object.fromEntries(FIELDS.filter((f) => p.fields[f]).map((f) => [f, p.fields[f]]));
      setErrors(fields);
      const first = FIELDS.find((f) => fields[f]);
      if (first) document.getElementById(INPUT_ID[first])?.focus();
      else setProblem(p.message);
    }
  }

  const invalid = (field: Field) => (errors[field] ? { "aria-invalid": true as const, "aria-describedby": `${INPUT_ID[field]}-error` } : {});
  const fieldError = (field: Field) => errors[field]
    ? <p className="k-field-error" id={`${INPUT_ID[field]}-error`} data-testid={`leave-error-${field}`}>{errors[field]}</p> : null;

  return (
    <form onSubmit={send} noValidate className="k-daily-form" data-testid="leave-form">
      {Object.keys(errors).length > 0 && <p className="k-sr-only" role="alert">{t("check")}</p>}
      {problem && <div className="k-alert k-alert-error" role="alert">{problem}</div>}
      {done && <div className="k-alert k-alert-success" role="status" data-testid="leave-requested">{done}</div>}
      <label htmlFor="leave-kind">{t("kind")}</label>
      <select id="leave-kind" value={kind} onChange={(e) => setKind(e.target.value as Kind)} {...invalid("kind")}>
        {KINDS.map((value) => <option key={value} value={value}>{l(value)}</option>)}
      </select>
      {fieldError("kind")}
      <div className="k-daily-pair">
        <div>
          <label htmlFor="leave-from">{t("from")}</label>
          <input id="leave-from" type="date" required value={startsOn} onChange={(e) => from(e.target.value)} {...invalid("startsOn")} />
          {fieldError("startsOn")}
        </div>
        <div>
          <label htmlFor="leave-to">{t("to")}</label>
          <input id="leave-to" type="date" required value={endsOn} min={startsOn} onChange={(e) => setEndsOn(e.target.value)} {...invalid("endsOn")} />
          {fieldError("endsOn")}
        </div>
      </div>
      <label htmlFor="leave-note">{t("note")}</label>
      <textarea id="leave-note" rows={2} maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} {...invalid("note")} />
      {fieldError("note")}
      <div className="k-daily-actions">
        <button type="submit" className="k-button k-primary" disabled={loading || !startsOn || !endsOn}>{loading ? t("sending") : t("send")}</button>
      </div>
    </form>
  );
}

function MyLeaves({ employeeId }: { employeeId: string }) {
  const t = useT(text);
  const l = useEnumLabel();
  const { language } = useLanguage();
  const { data, error, loading } = useQuery(MY_LEAVES, { variables: { employeeId } });
  const [cancel, cancelling] = useMutation(CANCEL_LEAVE, { refetchQueries: ["MyLeaves", "DailyWeek"], awaitRefetchQueries: true });
  const [notice, setNotice] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const leaves = (data?.leaves.edges ?? []).map((edge) => edge.node);
  const total = data?.leaves.totalCount ?? 0;

  async function withdraw(leave: Leave) {
    if (!window.confirm(t("confirmCancel"))) return;
    setNotice(null);
    setProblem(null);
    try {
      await cancel({ variables: { id: leave.id } });
      setNotice(t("cancelled"));
    } catch (err) {
      setProblem(problemOf(err).message);
    }
  }

  return (
    <section className="k-card" aria-labelledby="leave-mine-heading" data-testid="leave-mine">
      <h2 id="leave-mine-heading">{t("mine")}</h2>
      {loading && !data && <Loading />}
      {error && !data && <ProblemBox error={error} />}
      {notice && <div className="k-alert k-alert-success" role="status">{notice}</div>}
      {problem && <div className="k-alert k-alert-error" role="alert">{problem}</div>}
      {data && leaves.length === 0 && <p className="k-muted">{t("none")}</p>}
      {total > leaves.length && <p className="k-muted">{t("shown", { shown: leaves.length, total })}</p>}
      <ul className="k-entries">
        {leaves.map((leave) => (
          <li key={leave.id} className="k-entry" data-testid="leave-item" data-status={leave.status} data-from={leave.startsOn}>
            <div className="k-entry-top">
              <LeaveBadge status={leave.status} />
              <strong>{l(leave.kind)}</strong>
            </div>
            <p className="k-entry-text">{leaveDays(leave, language)}</p>
            {leave.note && <p className="k-muted k-entry-meta">{t("yourNote")}: {leave.note}</p>}
            {leave.decisionNote && (
              <p className={leave.status === "REJECTED" ? "k-entry-note" : "k-entry-meta"} data-testid="leave-decision-note">
                <strong>{t("decisionBy", { name: leave.decidedBy?.name ?? "–" })}:</strong> {leave.decisionNote}
              </p>
            )}
            {leave.status === "PENDING" && (
              <div className="k-form-actions">
                <button type="button" className="k-button k-danger" disabled={cancelling.loading} onClick={() => void withdraw(leave)}
                  aria-label={t("cancelOf", { kind: l(leave.kind).toLowerCase(), days: leaveDays(leave, language) })}>{t("cancel")}</button>
              </div>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Raters: the pending requests of the people they rate (the query also returns their own and,
 * for a rater's rater, their staff's staff: only the direct rater decides). */
function StaffRequests() {
  const t = useT(text);
  const me = useMe();
  const { data, error, loading } = useQuery(PENDING_LEAVES);
  const [outcome, setOutcome] = useState<string | null>(null);
  const rated = new Set(me.subordinates.map((person) => person.id));
  const leaves = (data?.leaves.edges ?? []).map((edge) => edge.node).filter((leave) => rated.has(leave.employee.id))
    .sort((a, b) => a.startsOn.localeCompare(b.startsOn));
  return (
    <section className="k-card" aria-labelledby="leave-staff-heading" data-testid="leave-staff">
      <h2 id="leave-staff-heading">{t("staff")}</h2>
      {outcome && <div className="k-alert k-alert-success" role="status" data-testid="leave-decided">{outcome}</div>}
      {loading && !data && <Loading />}
      {error && !data && <ProblemBox error={error} />}
      {data && leaves.length === 0 && <p className="k-muted" data-testid="leave-staff-empty">{t("staffNone")}</p>}
      <ul className="k-entries">
        {leaves.map((leave) => <StaffRequest key={leave.id} leave={leave} onDecided={setOutcome} />)}
      </ul>
    </section>
  );
}

function StaffRequest({ leave, onDecided }: { leave: Leave; onDecided: (message: string) => void }) {
  const t = useT(text);
  const l = useEnumLabel();
  const { language } = useLanguage();
  const [note, setNote] = useState("");
  const [noteError, setNoteError] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [decide, { loading }] = useMutation(DECIDE_LEAVE, {
    refetchQueries: ["PendingLeaves", "MyLeaves"], awaitRefetchQueries: true,
  });
  const noteId = `leave-decision-${leave.id}`;
  const kind = l(leave.kind);
  const days = leaveDays(leave, language);
  const name = leave.employee.name;

  async function run(approve: boolean) {
    setProblem(null);
    if (!approve && !note.trim()) {
      setNoteError(t("noteRequired"));
      document.getElementById(noteId)?.focus();
      return;
    }
    setNoteError(null);
    try {
      await decide({ variables: { id: leave.id, approve, note } });
      onDecided(t(approve ? "approved" : "rejected", { kind, name, days }));
    } catch (err) {
      const p = problemOf(err);
      if (p.fields.note) {
        setNoteError(p.fields.note);
        document.getElementById(noteId)?.focus();
      } else setProblem(p.message);
    }
  }

  return (
    <li className="k-entry k-leave-request" data-testid="leave-request" data-employee={leave.employee.id}>
      <div className="k-entry-top">
        <strong>{name}</strong>
        <span className="k-muted">{leave.employee.position.title}</span>
      </div>
      <p className="k-entry-text"><strong>{kind}</strong> · {days}</p>
      <p className="k-muted k-entry-meta">{t("askedAt", { when: formatDateTime(leave.createdAt, language) })}</p>
      {leave.note && <p className="k-entry-meta">“{leave.note}”</p>}
      {problem && <div className="k-alert k-alert-error" role="alert">{problem}</div>}
      <div className="k-review-return">
        <label htmlFor={noteId}>{t("decisionNote")}</label>
        <textarea id={noteId} rows={2} maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)}
          aria-invalid={noteError ? true : undefined} aria-describedby={noteError ? `${noteId}-error` : undefined} />
        {noteError && <p className="k-field-error" id={`${noteId}-error`}>{noteError}</p>}
      </div>
      <div className="k-daily-actions k-leave-actions">
        <button type="button" className="k-button k-primary" disabled={loading} onClick={() => void run(true)}
          aria-label={t("approveOf", { kind, name, days })}>{t("approve")}</button>
        <button type="button" className="k-button k-danger" disabled={loading} onClick={() => void run(false)}
          aria-label={t("rejectOf", { kind, name, days })}>{t("reject")}</button>
      </div>
    </li>
  );
}
