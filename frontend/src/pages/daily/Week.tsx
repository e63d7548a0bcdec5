/**
 * The week at a glance (dailyWeek): seven days with what the calendar says of each (holiday by
 * name, weekend, leave, closed month), the missing days in red and in words, lateness in working
 * days, and each day's entries with their review state, the action they serve, their evidence
 * (files to download, a link) and the rater's note. On one's own week: fill a day, change or
 * submit a draft, change and resubmit a returned entry.
 */
import { useMutation, useQuery } from "@apollo/client/react";
import { Fragment, useState } from "react";
import { Loading, ProblemBox, StatusBadge } from "../../components/Status";
import { problemOf } from "../../errors";
import type { DailyEntryFieldsFragment, DailyWeekQuery } from "../../gql/graphql";
import { defineMessages, formatDateTime, formatDay, formatNumber, formatWeek, useLanguage, useT, type Language } from "../../i18n";
import { DAILY_WEEK, DELETE_ENTRY, SUBMIT_ENTRIES } from "./queries";
import { addDays, dailyText, lateKey, mondayOf } from "./shared";

const text = defineMessages({
  id: {
    title: "Minggu ini", titleOther: "Minggu", previous: "Minggu sebelumnya", next: "Minggu berikutnya",
    today: "Hari ini", holiday: "Libur: {name}", weekend: "Akhir pekan", excused: "Cuti/izin (tidak perlu diisi)",
    closed: "Bulan ditutup", missing: "Belum diisi — lewat batas waktu", open: "Belum diisi, batas {deadline}",
    filled: "Terisi tepat waktu", fill: "Isi", fillDay: "Isi progres {day}", add: "Tambah", addDay: "Tambah progres {day}", edit: "Ubah", editReturned: "Ubah & kirim ulang",
    submit: "Kirim", delete: "Hapus", confirmDelete: "Hapus draf progres ini?", summaryMissing: "{n} hari kerja belum diisi dan lewat batas waktu.",
    caption: "Progres harian minggu {week}", action: "Rencana aksi", link: "tautan",
  },
  en: {
    title: "This week", titleOther: "Week", previous: "Previous week", next: "Next week",
    today: "Today", holiday: "Holiday: {name}", weekend: "Weekend", excused: "On leave (no entry needed)",
    closed: "Month closed", missing: "Not filled — past the deadline", open: "Not filled yet, due {deadline}",
    filled: "Filled on time", fill: "Fill", fillDay: "Fill in {day}", add: "Add", addDay: "Add progress for {day}", edit: "Change", editReturned: "Change & resubmit",
    submit: "Submit", delete: "Delete", confirmDelete: "Delete this draft entry?", summaryMissing: "{n} working days not filled and past the deadline.",
    caption: "Daily progress, week {week}", action: "Action", link: "link",
  },
});

type Day = DailyWeekQuery["dailyWeek"]["days"][number];
type Entry = DailyEntryFieldsFragment;

export function Week({ weekDate, today, onWeek, onFill, onEdit }: {
  weekDate: string; today: string; onWeek: (date: string) => void;
  onFill?: (date: string) => void; onEdit?: (entry: Entry) => void;
}) {
  const t = useT(text);
  const { language } = useLanguage();
  const { data, error, loading } = useQuery(DAILY_WEEK, { variables: { date: weekDate } });
  const start = mondayOf(weekDate);
  const week = data?.dailyWeek;
  const thisWeek = start === mondayOf(today);
  const missing = week?.days.filter((day) => day.isMissing).length ?? 0;
  return (
    <section className="k-card k-daily-week" aria-labelledby="daily-week-heading" data-testid="daily-week">
      <div className="k-spread">
        <h2 id="daily-week-heading">{thisWeek ? t("title") : t("titleOther")}</h2>
        <div className="k-row">
          <button type="button" className="k-button" onClick={() => onWeek(addDays(start, -7))} aria-label={t("previous")}>‹</button>
          <button type="button" className="k-button" onClick={() => onWeek(addDays(start, 7))} aria-label={t("next")}
            disabled={addDays(start, 7) > today}>›</button>
        </div>
      </div>
      <p className="k-muted">{formatWeek(start, language)}</p>
      {loading && !data && <Loading />}
      {error && !data && <ProblemBox error={error} />}
      {missing > 0 && <p className="k-overdue" data-testid="daily-missing-summary">{t("summaryMissing", { n: missing })}</p>}
      {week && (
        <ol className="k-days" aria-label={t("caption", { week: formatWeek(start, language) })}>
          {week.days.map((day) => (
            <DayItem key={day.date} day={day} today={today} onFill={onFill} onEdit={onEdit} />
          ))}
        </ol>
      )}
    </section>
  );
}

/** A file's size as people read it: "840 B", "12 kB", "1,2 MB". */
export function fileSize(bytes: number, language: Language): string {
  if (bytes < 1024) return `${formatNumber(bytes, language)} B`;
  if (bytes < 1024 * 1024) return `${formatNumber(bytes / 1024, language)} kB`;
  return `${formatNumber(bytes / (1024 * 1024), language, 1)} MB`;
}

/** The deadline is the moment an entry becomes late (midnight after the due day): people read
 * "until Wednesday 23.59", not "Thursday 00.00". */
function lastMinute(deadline: string | null, language: Language): string {
  return deadline ? formatDateTime(new Date(new Date(deadline).getTime() - 60_000).toISOString(), language) : "–";
}

function dayState(day: Day, today: string): string {
  if (day.holiday) return "holiday";
  if (day.isWeekend) return "weekend";
  if (day.isExcused) return "excused";
  if (day.isMissing) return "missing";
  if (day.isFilled) return day.lateDays ? "late" : "filled";
  if (day.date > today) return "future";
  return "open";
}

function DayItem({ day, today, onFill, onEdit }: {
  day: Day; today: string; onFill?: (date: string) => void; onEdit?: (entry: Entry) => void;
}) {
  const t = useT(text);
  const d = useT(dailyText);
  const { language } = useLanguage();
  const state = dayState(day, today);
  const fillable = onFill && day.isWorkingDay && !day.isExcused && !day.isClosed && day.date <= today;
  const dayName = formatDay(day.date, language);
  const late = day.lateDays ? lateKey(day.lateDays) : null;
  return (
    <li className={`k-day k-day-${state}`} data-testid="daily-day" data-date={day.date} data-state={state}>
      <div className="k-day-head">
        <strong>{dayName}</strong>
        {day.date === today && <span className="k-chip">{t("today")}</span>}
        {day.isClosed && <span className="k-chip">{t("closed")}</span>}
      </div>
      <p className="k-day-state">
        {state === "holiday" && t("holiday", { name: day.holiday ?? "" })}
        {state === "weekend" && t("weekend")}
        {state === "excused" && t("excused")}
        {state === "missing" && <span className="k-overdue">{t("missing")}</span>}
        {state === "late" && late && <span className="k-late">{d(late.key, late.values)}</span>}
        {state === "filled" && t("filled")}
        {state === "open" && t("open", { deadline: lastMinute(day.deadline, language) })}
      </p>
      {day.entries.length > 0 && (
        <ul className="k-entries">
          {day.entries.map((entry) => <EntryItem key={entry.id} entry={entry} onEdit={onEdit} />)}
        </ul>
      )}
      {fillable && (
        <button type="button" className="k-button k-day-fill" onClick={() => onFill(day.date)}
          aria-label={t(day.entries.length ? "addDay" : "fillDay", { day: dayName })}>
          {t(day.entries.length ? "add" : "fill")}
        </button>
      )}
    </li>
  );
}

export function EntryItem({ entry, onEdit, showDate = false }: { entry: Entry; onEdit?: (entry: Entry) => void; showDate?: boolean }) {
  const t = useT(text);
  const d = useT(dailyText);
  const { language } = useLanguage();
  const [problem, setProblem] = useState<string | null>(null);
  const refetch = { refetchQueries: ["DailyWeek"], awaitRefetchQueries: true };
  const [submit, submitting] = useMutation(SUBMIT_ENTRIES, refetch);
  const [remove, removing] = useMutation(DELETE_ENTRY, refetch);
  const editable = onEdit && (entry.status === "DRAFT" || entry.status === "RETURNED");
  const late = entry.lateDays > 0 ? lateKey(entry.lateDays) : null;

  async function act(run: () => Promise<unknown>) {
    setProblem(null);
    try {
      await run();
    } catch (error) {
      setProblem(problemOf(error).message);
    }
  }

  return (
    <li className="k-entry" data-testid="daily-entry" data-status={entry.status}>
      <div className="k-entry-top">
        <StatusBadge status={entry.status} />
        {late && <span className="k-late">{d(late.key, late.values)}</span>}
        {showDate && <span className="k-muted">{formatDay(entry.date, language)}</span>}
      </div>
      <p className="k-entry-text">{entry.text}</p>
      <p className="k-muted k-entry-meta">
        {entry.quantity} {entry.outputUnit}
        {entry.minutes ? ` · ${d("minutes", { n: entry.minutes })}` : ""}
        {entry.workResult && <> · {entry.workResult.text}</>}
      </p>
      {entry.actionItem && (
        <p className="k-muted k-entry-meta" data-testid="daily-entry-action">{t("action")}: {entry.actionItem.text}</p>
      )}
      {(entry.evidenceLink || entry.evidenceFiles.length > 0) && (
        <p className="k-entry-meta k-break" data-testid="daily-entry-evidence">
          {d("evidence")}:{" "}
          {entry.evidenceFiles.map((file, index) => (
            <Fragment key={file.id}>
              {index > 0 && " · "}
              <a href={file.url} download={file.name}>{file.name}</a>{" "}
              <span className="k-muted">({fileSize(file.size, language)})</span>
            </Fragment>
          ))}
          {entry.evidenceLink && (
            <>
              {entry.evidenceFiles.length > 0 && " · "}
              <a href={entry.evidenceLink} target="_blank" rel="noreferrer noopener">{t("link")}</a>
            </>
          )}
        </p>
      )}
      {entry.status === "RETURNED" && entry.returnNote && (
        <p className="k-entry-note" data-testid="daily-return-note"><strong>{d("returnNote")}:</strong> {entry.returnNote}</p>
      )}
      {problem && <div className="k-alert k-alert-error" role="alert">{problem}</div>}
      {editable && (
        <div className="k-form-actions">
          <button type="button" className="k-button" onClick={() => onEdit(entry)}>
            {entry.status === "RETURNED" ? t("editReturned") : t("edit")}
          </button>
          {entry.status === "DRAFT" && (
            <button type="button" className="k-button" disabled={submitting.loading}
              onClick={() => act(() => submit({ variables: { ids: [entry.id] } }))}>{t("submit")}</button>
          )}
          <button type="button" className="k-button k-danger" disabled={removing.loading}
            onClick={() => window.confirm(t("confirmDelete")) && act(() => remove({ variables: { id: entry.id } }))}>
            {t("delete")}
          </button>
        </div>
      )}
    </li>
  );
}
