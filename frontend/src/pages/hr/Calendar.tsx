/**
 * Kalender kerja (R-CALENDAR): the national holidays and collective leave of the chosen year
 * (kept by HR of the whole government — the API decides, a refusal is shown), the chosen unit's
 * working week and time zone, and leave recorded by HR for an employee of the unit; the unit's
 * leave (it and its sub-units, `leaves(unitId:)`, newest first, a page at a time) is listed with
 * each employee's name and can be cancelled.
 */
import { useMutation, useQuery } from "@apollo/client/react";
import { useDeferredValue, useState, type FormEvent } from "react";
import { Loading, ProblemBox } from "../../components/Status";
import { problemOf, type Problem } from "../../errors";
import { graphql } from "../../gql";
import type { HolidayKind, LeaveKind, UnitTimeZone } from "../../gql/graphql";
import { dateOf, defineMessages, formatDate, locale, useEnumLabel, useLanguage, useT, type Language } from "../../i18n";
import type { HrScope } from "./shared";

const HR_HOLIDAYS = graphql(`
  query HrHolidays($year: Int!) {
    holidays(year: $year) { date name kind }
  }
`);

const HR_SET_HOLIDAY = graphql(`
  mutation HrSetHoliday($date: Date!, $name: String!, $kind: HolidayKind!) {
    setHoliday(date: $date, name: $name, kind: $kind) { date name kind }
  }
`);

const HR_DELETE_HOLIDAY = graphql(`
  mutation HrDeleteHoliday($date: Date!) {
    deleteHoliday(date: $date)
  }
`);

const HR_UNIT_SCHEDULE = graphql(`
  query HrUnitSchedule($unitId: ID!) {
    unitSchedule(unitId: $unitId) { workingDays timeZone unit { id } definedBy { id name } }
  }
`);

const HR_SET_UNIT_SCHEDULE = graphql(`
  mutation HrSetUnitSchedule($unitId: ID!, $workingDays: Int!, $timeZone: UnitTimeZone!) {
    setUnitSchedule(unitId: $unitId, workingDays: $workingDays, timeZone: $timeZone) {
      workingDays timeZone unit { id } definedBy { id name }
    }
  }
`);

const HR_UNIT_EMPLOYEES = graphql(`
  query HrUnitEmployees($unitId: ID!, $search: String) {
    employees(first: 100, filter: { unitId: $unitId, search: $search }) {
      totalCount
      edges { node { id name unit { id name } } }
    }
  }
`);

const HR_LEAVES = graphql(`
  query HrLeaves($unitId: ID!, $first: Int!, $after: String) {
    leaves(unitId: $unitId, first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges {
        node { id startsOn endsOn kind status note createdAt employee { id name unit { id name } } decidedBy { id name } }
      }
    }
  }
`);

const HR_RECORD_LEAVE = graphql(`
  mutation HrRecordLeave($employeeId: ID!, $startsOn: Date!, $endsOn: Date!, $kind: LeaveKind!, $note: String!) {
    recordLeave(employeeId: $employeeId, startsOn: $startsOn, endsOn: $endsOn, kind: $kind, note: $note) {
      id startsOn endsOn kind status note
    }
  }
`);

const HR_CANCEL_LEAVE = graphql(`
  mutation HrCancelLeave($id: ID!) {
    cancelLeave(leaveId: $id)
  }
`);

const LEAVE_PAGE = 20;
const TIME_ZONES: UnitTimeZone[] = ["WIB", "WITA", "WIT"];
const LEAVE_KINDS: LeaveKind[] = ["CUTI", "DINAS_LUAR", "SAKIT"];

const text = defineMessages({
  id: {
    title: "Kalender kerja", holidaysTitle: "Hari libur nasional dan cuti bersama {year}",
    holidaysLead: "Berlaku untuk semua unit. Hanya pengelola kinerja seluruh pemerintah daerah yang dapat mengubahnya; server yang memutuskan.",
    noHolidays: "Belum ada hari libur untuk tahun {year}.", date: "Tanggal", name: "Nama", kind: "Jenis", actions: "Aksi",
    NATIONAL: "Libur nasional", COLLECTIVE_LEAVE: "Cuti bersama", edit: "Ubah", editOf: "Ubah {name}", remove: "Hapus",
    removeOf: "Hapus {name}", confirmRemove: "Hapus {name} ({date}) dari kalender? Hari itu kembali menjadi hari kerja.",
    addHoliday: "Tambah atau ubah hari libur", save: "Simpan", saving: "Menyimpan…", required: "Wajib diisi.",
    holidaySaved: "{name} ({date}) tersimpan.", holidayRemoved: "{name} ({date}) dihapus.",
    scheduleTitle: "Hari kerja dan zona waktu {unit}", workingWeek: "Minggu kerja", five: "5 hari (Senin–Jumat)",
    six: "6 hari (Senin–Sabtu)", timeZone: "Zona waktu", WIB: "WIB (UTC+7)", WITA: "WITA (UTC+8)", WIT: "WIT (UTC+9)",
    definedHere: "Ditetapkan untuk unit ini.", definedAbove: "Mengikuti {unit}; menyimpan di sini menetapkan pengaturan unit ini sendiri.",
    definedNowhere: "Belum ditetapkan: bawaan Senin–Jumat.", scheduleSaved: "Pengaturan {unit} tersimpan: {days}, {zone}.",
    leaveTitle: "Cuti pegawai {unit}", leaveLead: "Cuti yang dicatat pengelola kinerja langsung disetujui dan mengecualikan hari kerjanya.",
    search: "Cari pegawai", employee: "Pegawai", noEmployees: "Tidak ada pegawai yang cocok.",
    moreEmployees: "Ditampilkan 100 pegawai pertama dari {n}: persempit pencarian.",
    startsOn: "Mulai", endsOn: "Sampai", note: "Catatan (opsional)", record: "Catat cuti", recording: "Mencatat…",
    leaveSaved: "Cuti {employee} tercatat.",
    leavesOf: "Cuti terbaru {unit}", noLeaves: "Belum ada cuti tercatat untuk unit ini.", who: "Pegawai, tanggal dan jenis", status: "Status",
    decidedBy: "Diputuskan oleh",
    cancel: "Batalkan", cancelOf: "Batalkan cuti {employee} {from} – {to}", confirmCancel: "Batalkan cuti {employee} {from} – {to}?",
    cancelled: "Cuti {from} – {to} dibatalkan.", more: "Muat lebih banyak", loadingMore: "Memuat…", shown: "{x} dari {n} ditampilkan.",
  },
  en: {
    title: "Work calendar", holidaysTitle: "National holidays and collective leave {year}",
    holidaysLead: "They apply to every unit. Only HR of the whole government may change them; the server decides.",
    noHolidays: "No holidays for {year} yet.", date: "Date", name: "Name", kind: "Kind", actions: "Actions",
    NATIONAL: "National holiday", COLLECTIVE_LEAVE: "Collective leave", edit: "Edit", editOf: "Edit {name}", remove: "Delete",
    removeOf: "Delete {name}", confirmRemove: "Delete {name} ({date}) from the calendar? It becomes a working day again.",
    addHoliday: "Add or change a holiday", save: "Save", saving: "Saving…", required: "Required.",
    holidaySaved: "{name} ({date}) saved.", holidayRemoved: "{name} ({date}) deleted.",
    scheduleTitle: "Working days and time zone of {unit}", workingWeek: "Working week", five: "5 days (Monday–Friday)",
    six: "6 days (Monday–Saturday)", timeZone: "Time zone", WIB: "WIB (UTC+7)", WITA: "WITA (UTC+8)", WIT: "WIT (UTC+9)",
    definedHere: "Set for this unit.", definedAbove: "Follows {unit}; saving here gives this unit its own setting.",
    definedNowhere: "Not set: Monday–Friday by default.", scheduleSaved: "Setting of {unit} saved: {days}, {zone}.",
    leaveTitle: "Employee leave {unit}", leaveLead: "Leave recorded by HR is approved at once and excuses its working days.",
    search: "Find an employee", employee: "Employee", noEmployees: "No matching employee.",
    moreEmployees: "Showing the first 100 of {n} employees: narrow the search.",
    startsOn: "From", endsOn: "To", note: "Note (optional)", record: "Record leave", recording: "Recording…",
    leaveSaved: "Leave of {employee} recorded.",
    leavesOf: "Recent leave {unit}", noLeaves: "No leave recorded for this unit yet.", who: "Employee, dates and kind", status: "Status",
    decidedBy: "Decided by",
    cancel: "Cancel", cancelOf: "Cancel the leave of {employee} {from} – {to}", confirmCancel: "Cancel the leave of {employee} {from} – {to}?",
    cancelled: "Leave {from} – {to} cancelled.", more: "Load more", loadingMore: "Loading…", shown: "Showing {x} of {n}.",
  },
});

type Key = keyof typeof text.id;

/** "17 Agu", "Sen": a holiday in its year's list, short enough for a phone. */
function shortDay(isoDate: string, language: Language): { day: string; weekday: string } {
  const date = dateOf(isoDate);
  return {
    day: new Intl.DateTimeFormat(locale(language), { day: "numeric", month: "short", timeZone: "UTC" }).format(date),
    weekday: new Intl.DateTimeFormat(locale(language), { weekday: "short", timeZone: "UTC" }).format(date),
  };
}

/** "16–18 Des 2026", "30 Des 2026 – 2 Jan 2027", one day alone. */
function dateRange(from: string, to: string, language: Language): string {
  return new Intl.DateTimeFormat(locale(language), { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" })
    .formatRange(dateOf(from), dateOf(to));
}

/** A field's accessible state from the server's `fields` (or the form's own check). */
function invalid(problem: Problem | null, field: string, id: string) {
  const message = problem?.fields[field];
  return { id, "aria-invalid": message ? true : undefined, "aria-describedby": message ? `${id}-error` : undefined };
}

function FieldError({ problem, field, id }: { problem: Problem | null; field: string; id: string }) {
  const message = problem?.fields[field];
  return message ? <p id={`${id}-error`} className="k-field-error">{message}</p> : null;
}

function Alerts({ problem, done, testId }: { problem: Problem | null; done: string | null; testId: string }) {
  return (
    <>
      {problem && <div className="k-alert k-alert-error" role="alert" data-testid={`${testId}-problem`}>{problem.message}</div>}
      {done && <div className="k-alert k-alert-success" role="status" data-testid={`${testId}-done`}>{done}</div>}
    </>
  );
}

function required(t: (key: Key) => string, fields: Record<string, string>): Problem {
  return { code: "BAD_USER_INPUT", message: t("required"), fields, errors: [], truncated: 0 };
}

export default function Calendar({ scope }: { scope: HrScope }) {
  const t = useT(text);
  return (
    <section aria-labelledby="hr-calendar-title">
      <h2 id="hr-calendar-title" className="k-sr-only">{t("title")}</h2>
      <Schedule scope={scope} />
      <Leave scope={scope} />
      <Holidays year={scope.year} />
    </section>
  );
}

const EMPTY_HOLIDAY = { date: "", name: "", kind: "NATIONAL" as HolidayKind };

function Holidays({ year }: { year: number }) {
  const t = useT(text);
  const { language } = useLanguage();
  const { data, error, loading } = useQuery(HR_HOLIDAYS, { variables: { year } });
  const [setHoliday, saving] = useMutation(HR_SET_HOLIDAY, { refetchQueries: ["HrHolidays"], awaitRefetchQueries: true });
  const [deleteHoliday] = useMutation(HR_DELETE_HOLIDAY, { refetchQueries: ["HrHolidays"], awaitRefetchQueries: true });
  const [form, setForm] = useState(EMPTY_HOLIDAY);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const holidays = data?.holidays ?? [];

  async function submit(event: FormEvent) {
    event.preventDefault();
    setProblem(null);
    setDone(null);
    const missing: Record<string, string> = {};
    if (!form.date) missing.date = t("required");
    if (!form.name.trim()) missing.name = t("required");
    if (Object.keys(missing).length) return setProblem(required(t, missing));
    try {
      const saved = (await setHoliday({ variables: { date: form.date, name: form.name, kind: form.kind } })).data?.setHoliday;
      setForm(EMPTY_HOLIDAY);
      if (saved) setDone(t("holidaySaved", { name: saved.name, date: formatDate(saved.date, language) }));
    } catch (e) {
      setProblem(problemOf(e));
    }
  }

  async function remove(holiday: { date: string; name: string }) {
    const names = { name: holiday.name, date: formatDate(holiday.date, language) };
    if (!window.confirm(t("confirmRemove", names))) return;
    setProblem(null);
    setDone(null);
    try {
      await deleteHoliday({ variables: { date: holiday.date } });
      setDone(t("holidayRemoved", names));
    } catch (e) {
      setProblem(problemOf(e));
    }
  }

  return (
    <div className="k-card" data-testid="hr-holidays">
      <h3>{t("holidaysTitle", { year })}</h3>
      <p className="k-muted">{t("holidaysLead")}</p>
      {loading && !data && <Loading />}
      {error && <ProblemBox error={error} />}
      {data && !holidays.length && <p>{t("noHolidays", { year })}</p>}
      {holidays.length > 0 && (
        <div className="k-table-wrap hr-holiday-list" tabIndex={0} role="region" aria-label={t("holidaysTitle", { year })}>
          <table>
            <thead>
              <tr><th scope="col">{t("date")}</th><th scope="col">{t("name")}</th><th scope="col">{t("actions")}</th></tr>
            </thead>
            <tbody>
              {holidays.map((h) => {
                const short = shortDay(h.date, language);
                return (
                <tr key={h.date} data-testid="hr-holiday" data-date={h.date}>
                  <td className="hr-nowrap"><span className="hr-block">{short.day}</span><small className="k-muted">{short.weekday}</small></td>
                  <th scope="row">{h.name}<small className="hr-block hr-kind">{t(h.kind)}</small></th>
                  <td>
                    <div className="k-row hr-row-actions">
                      <button type="button" className="k-button" aria-label={t("editOf", { name: h.name })}
                        onClick={() => { setForm({ date: h.date, name: h.name, kind: h.kind }); setDone(null); setProblem(null); }}>
                        {t("edit")}
                      </button>
                      <button type="button" className="k-button k-danger" aria-label={t("removeOf", { name: h.name })}
                        onClick={() => remove(h)}>
                        {t("remove")}
                      </button>
                    </div>
                  </td>
                </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <form onSubmit={submit} noValidate className="hr-form">
        <h4 id="hr-holiday-form-title">{t("addHoliday")}</h4>
        <Alerts problem={problem} done={done} testId="hr-holiday" />
        <div className="hr-fields">
          <div>
            <label htmlFor="hr-holiday-date">{t("date")}</label>
            <input type="date" {...invalid(problem, "date", "hr-holiday-date")} value={form.date} required
              min={`${year}-01-01`} max={`${year}-12-31`} onChange={(e) => setForm({ ...form, date: e.target.value })} />
            <FieldError problem={problem} field="date" id="hr-holiday-date" />
          </div>
          <div className="hr-wide">
            <label htmlFor="hr-holiday-name">{t("name")}</label>
            <input {...invalid(problem, "name", "hr-holiday-name")} value={form.name} required maxLength={200}
              onChange={(e) => setForm({ ...form, name: e.target.value })} />
            <FieldError problem={problem} field="name" id="hr-holiday-name" />
          </div>
          <div>
            <label htmlFor="hr-holiday-kind">{t("kind")}</label>
            <select {...invalid(problem, "kind", "hr-holiday-kind")} value={form.kind}
              onChange={(e) => setForm({ ...form, kind: e.target.value as HolidayKind })}>
              <option value="NATIONAL">{t("NATIONAL")}</option>
              <option value="COLLECTIVE_LEAVE">{t("COLLECTIVE_LEAVE")}</option>
            </select>
            <FieldError problem={problem} field="kind" id="hr-holiday-kind" />
          </div>
        </div>
        <div className="hr-actions">
          <button type="submit" className="k-button k-primary" disabled={saving.loading}>{saving.loading ? t("saving") : t("save")}</button>
        </div>
      </form>
    </div>
  );
}

function Schedule({ scope }: { scope: HrScope }) {
  const t = useT(text);
  const { data, error, loading } = useQuery(HR_UNIT_SCHEDULE, { variables: { unitId: scope.unitId } });
  const [save, saving] = useMutation(HR_SET_UNIT_SCHEDULE, { refetchQueries: ["HrUnitSchedule"], awaitRefetchQueries: true });
  const [form, setForm] = useState<{ workingDays: number; timeZone: UnitTimeZone } | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const schedule = data?.unitSchedule;
  const shown = form ?? (schedule ? { workingDays: schedule.workingDays, timeZone: schedule.timeZone } : null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!shown) return;
    setProblem(null);
    setDone(null);
    try {
      const saved = (await save({ variables: { unitId: scope.unitId, ...shown } })).data?.setUnitSchedule;
      setForm(null);
      if (saved) {
        setDone(t("scheduleSaved", { unit: scope.unitName, days: t(saved.workingDays === 6 ? "six" : "five"), zone: t(saved.timeZone) }));
      }
    } catch (e) {
      setProblem(problemOf(e));
    }
  }

  const source = !schedule ? "" : !schedule.definedBy ? t("definedNowhere")
    : schedule.definedBy.id === scope.unitId ? t("definedHere") : t("definedAbove", { unit: schedule.definedBy.name });

  return (
    <div className="k-card" data-testid="hr-schedule">
      <h3>{t("scheduleTitle", { unit: scope.unitName })}</h3>
      {loading && !data && <Loading />}
      {error && <ProblemBox error={error} />}
      {shown && (
        <form onSubmit={submit} noValidate className="hr-form">
          <p className="k-muted" data-testid="hr-schedule-source">{source}</p>
          <Alerts problem={problem} done={done} testId="hr-schedule" />
          <div className="hr-fields">
            <fieldset className="hr-choice">
              <legend>{t("workingWeek")}</legend>
              {[5, 6].map((n) => (
                <label key={n} className="hr-radio">
                  <input type="radio" name="hr-schedule-days" value={n} checked={shown.workingDays === n}
                    aria-invalid={problem?.fields.workingDays ? true : undefined}
                    aria-describedby={problem?.fields.workingDays ? "hr-schedule-days-error" : undefined}
                    onChange={() => setForm({ ...shown, workingDays: n })} />
                  {t(n === 6 ? "six" : "five")}
                </label>
              ))}
              <FieldError problem={problem} field="workingDays" id="hr-schedule-days" />
            </fieldset>
            <div>
              <label htmlFor="hr-schedule-zone">{t("timeZone")}</label>
              <select {...invalid(problem, "timeZone", "hr-schedule-zone")} value={shown.timeZone}
                onChange={(e) => setForm({ ...shown, timeZone: e.target.value as UnitTimeZone })}>
                {TIME_ZONES.map((z) => <option key={z} value={z}>{t(z)}</option>)}
              </select>
              <FieldError problem={problem} field="timeZone" id="hr-schedule-zone" />
            </div>
          </div>
          <div className="hr-actions">
            <button type="submit" className="k-button k-primary" disabled={saving.loading}>{saving.loading ? t("saving") : t("save")}</button>
          </div>
        </form>
      )}
    </div>
  );
}

const EMPTY_LEAVE = { startsOn: "", endsOn: "", kind: "CUTI" as LeaveKind, note: "" };

function Leave({ scope }: { scope: HrScope }) {
  const t = useT(text);
  const label = useEnumLabel();
  const [search, setSearch] = useState("");
  const deferred = useDeferredValue(search.trim());
  const people = useQuery(HR_UNIT_EMPLOYEES, { variables: { unitId: scope.unitId, search: deferred || null } });
  const list = people.data?.employees.edges.map((e) => e.node) ?? [];
  const [picked, setPicked] = useState("");
  const employee = list.find((e) => e.id === picked) ?? list[0];
  const [form, setForm] = useState(EMPTY_LEAVE);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [record, recording] = useMutation(HR_RECORD_LEAVE, { refetchQueries: ["HrLeaves"], awaitRefetchQueries: true });

  async function submit(event: FormEvent) {
    event.preventDefault();
    setProblem(null);
    setDone(null);
    const missing: Record<string, string> = {};
    if (!employee) missing.employeeId = t("required");
    if (!form.startsOn) missing.startsOn = t("required");
    if (!form.endsOn) missing.endsOn = t("required");
    if (!employee || Object.keys(missing).length) return setProblem(required(t, missing));
    try {
      await record({ variables: { employeeId: employee.id, ...form } });
      setForm(EMPTY_LEAVE);
      setDone(t("leaveSaved", { employee: employee.name }));
    } catch (e) {
      setProblem(problemOf(e));
    }
  }

  return (
    <div className="k-card" data-testid="hr-leave">
      <h3>{t("leaveTitle", { unit: scope.unitName })}</h3>
      <p className="k-muted">{t("leaveLead")}</p>
      <form onSubmit={submit} noValidate className="hr-form">
        <Alerts problem={problem} done={done} testId="hr-leave" />
        <div className="hr-fields">
          <div>
            <label htmlFor="hr-leave-search">{t("search")}</label>
            <input id="hr-leave-search" type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
          </div>
          <div className="hr-wide">
            <label htmlFor="hr-leave-employee">{t("employee")}</label>
            <select {...invalid(problem, "employeeId", "hr-leave-employee")} value={employee?.id ?? ""}
              disabled={!list.length} onChange={(e) => { setPicked(e.target.value); setDone(null); }}>
              {list.map((e) => <option key={e.id} value={e.id}>{e.name} — {e.unit.name}</option>)}
            </select>
            <FieldError problem={problem} field="employeeId" id="hr-leave-employee" />
            {people.data && !list.length && <p className="k-muted">{t("noEmployees")}</p>}
            {people.data && people.data.employees.totalCount > list.length && (
              <p className="k-muted">{t("moreEmployees", { n: people.data.employees.totalCount })}</p>
            )}
          </div>
        </div>
        {people.error && <ProblemBox error={people.error} />}
        <div className="hr-fields">
          <div>
            <label htmlFor="hr-leave-start">{t("startsOn")}</label>
            <input type="date" {...invalid(problem, "startsOn", "hr-leave-start")} value={form.startsOn} required
              onChange={(e) => setForm({ ...form, startsOn: e.target.value, endsOn: form.endsOn || e.target.value })} />
            <FieldError problem={problem} field="startsOn" id="hr-leave-start" />
          </div>
          <div>
            <label htmlFor="hr-leave-end">{t("endsOn")}</label>
            <input type="date" {...invalid(problem, "endsOn", "hr-leave-end")} value={form.endsOn} required
              min={form.startsOn || undefined} onChange={(e) => setForm({ ...form, endsOn: e.target.value })} />
            <FieldError problem={problem} field="endsOn" id="hr-leave-end" />
          </div>
          <div>
            <label htmlFor="hr-leave-kind">{t("kind")}</label>
            <select {...invalid(problem, "kind", "hr-leave-kind")} value={form.kind}
              onChange={(e) => setForm({ ...form, kind: e.target.value as LeaveKind })}>
              {LEAVE_KINDS.map((k) => <option key={k} value={k}>{label(k)}</option>)}
            </select>
            <FieldError problem={problem} field="kind" id="hr-leave-kind" />
          </div>
        </div>
        <label htmlFor="hr-leave-note">{t("note")}</label>
        <textarea {...invalid(problem, "note", "hr-leave-note")} value={form.note} maxLength={2000} className="hr-note"
          onChange={(e) => setForm({ ...form, note: e.target.value })} />
        <FieldError problem={problem} field="note" id="hr-leave-note" />
        <div className="hr-actions">
          <button type="submit" className="k-button k-primary" disabled={recording.loading || !employee}>
            {recording.loading ? t("recording") : t("record")}
          </button>
        </div>
      </form>
      <Leaves key={scope.unitId} scope={scope} />
    </div>
  );
}

function Leaves({ scope }: { scope: HrScope }) {
  const t = useT(text);
  const label = useEnumLabel();
  const { language } = useLanguage();
  const variables = { unitId: scope.unitId, first: LEAVE_PAGE };
  const { data, error, loading, fetchMore } = useQuery(HR_LEAVES, { variables });
  const [cancelLeave] = useMutation(HR_CANCEL_LEAVE, { refetchQueries: ["HrLeaves"], awaitRefetchQueries: true });
  const [problem, setProblem] = useState<Problem | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [more, setMore] = useState(false);
  const connection = data?.leaves;
  const leaves = connection?.edges.map((e) => e.node) ?? [];

  async function cancel(leave: { id: string; startsOn: string; endsOn: string; employee: { name: string } }) {
    const names = { employee: leave.employee.name, from: formatDate(leave.startsOn, language), to: formatDate(leave.endsOn, language) };
    if (!window.confirm(t("confirmCancel", names))) return;
    setProblem(null);
    setDone(null);
    try {
      await cancelLeave({ variables: { id: leave.id } });
      setDone(t("cancelled", names));
    } catch (e) {
      setProblem(problemOf(e));
    }
  }

  async function loadMore() {
    if (!connection?.pageInfo.endCursor) return;
    setMore(true);
    try {
      await fetchMore({
        variables: { ...variables, after: connection.pageInfo.endCursor },
        updateQuery: (previous, { fetchMoreResult }) => ({
          ...fetchMoreResult,
          leaves: { ...fetchMoreResult.leaves, edges: [...(previous.leaves?.edges ?? []), ...fetchMoreResult.leaves.edges] },
        }),
      });
    } catch (e) {
      setProblem(problemOf(e));
    } finally {
      setMore(false);
    }
  }

  return (
    <div className="hr-leaves" data-testid="hr-leaves">
      <h4>{t("leavesOf", { unit: scope.unitName })}</h4>
      {loading && !data && <Loading />}
      {error && <ProblemBox error={error} />}
      <Alerts problem={problem} done={done} testId="hr-leaves" />
      {data && !leaves.length && <p>{t("noLeaves")}</p>}
      {leaves.length > 0 && (
        <div className="k-table-wrap" tabIndex={0} role="region" aria-label={t("leavesOf", { unit: scope.unitName })}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t("who")}</th><th scope="col">{t("status")}</th><th scope="col">{t("actions")}</th>
              </tr>
            </thead>
            <tbody>
              {leaves.map((l) => {
                const from = formatDate(l.startsOn, language);
                const to = formatDate(l.endsOn, language);
                return (
                  <tr key={l.id} data-testid="hr-leave-row" data-starts={l.startsOn} data-employee={l.employee.id}>
                    <th scope="row">
                      <span className="hr-block" data-testid="hr-leave-employee">{l.employee.name}</span>
                      {l.employee.unit.id !== scope.unitId && <small className="hr-block k-muted">{l.employee.unit.name}</small>}
                      <small className="hr-block hr-kind">{dateRange(l.startsOn, l.endsOn, language)} · {label(l.kind)}</small>
                      {l.note && <small className="hr-block hr-kind">{l.note}</small>}
                    </th>
                    <td>
                      <span className={`k-status k-status-${l.status === "REJECTED" ? "RETURNED" : l.status === "PENDING" ? "SUBMITTED" : l.status}`}>
                        {label(l.status)}
                      </span>
                      {l.decidedBy && <small className="k-muted hr-block">{t("decidedBy")}: {l.decidedBy.name}</small>}
                    </td>
                    <td>
                      <button type="button" className="k-button k-danger" aria-label={t("cancelOf", { employee: l.employee.name, from, to })}
                        onClick={() => cancel(l)}>
                        {t("cancel")}
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {connection && leaves.length > 0 && (
        <div className="k-spread">
          <p className="k-muted" aria-live="polite">{t("shown", { x: leaves.length, n: connection.totalCount })}</p>
          {connection.pageInfo.hasNextPage && (
            <button type="button" className="k-button" onClick={loadMore} disabled={more}>{more ? t("loadingMore") : t("more")}</button>
          )}
        </div>
      )}
    </div>
  );
}
