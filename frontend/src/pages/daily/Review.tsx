/**
 * Tinjau harian (/harian/tinjau): the rater's inbox of daily progress (dailyReviewQueue) — one
 * item per subordinate with entries waiting, and "Seluruh tim" above them when two or more wait —
 * and, for the one opened (?pegawai=<id>, or ?pegawai=tim for the whole team), the entries
 * waiting. One action reviews everything shown in ONE reviewDailyEntries request: the
 * entries marked "Kembalikan" (each with its required note) are returned, the rest approved. The
 * result says what changed and lists each refusal (an entry changed meanwhile, say) without
 * undoing the rest; the counts refresh by refetch.
 */
import { useMutation, useQuery } from "@apollo/client/react";
import { useState } from "react";
import { Link, useSearchParams } from "react-router";
import { Loading, Notice, ProblemBox } from "../../components/Status";
import { problemOf } from "../../errors";
import type { DailyEntryFieldsFragment } from "../../gql/graphql";
import { defineMessages, formatDate, formatDay, useLanguage, useT } from "../../i18n";
import { REVIEW, REVIEW_ENTRIES, REVIEW_QUEUE, REVIEW_TEAM_ENTRIES } from "./queries";
import { usePendingLeaveCount } from "./leaveQueries";
import { EntryItem } from "./Week";
import "./Daily.css";

const text = defineMessages({
  id: {
    title: "Tinjau progres harian", queue: "Menunggu tinjauan", empty: "Tidak ada progres harian yang menunggu tinjauan Anda.",
    waiting: "{n} progres menunggu", since: "sejak {date}", choose: "Pilih pegawai untuk meninjau progresnya.",
    entriesOf: "Progres {name}", none: "Tidak ada lagi progres {name} yang menunggu.", shown: "Ditampilkan {shown} dari {total}.",
    approveAll: "Setujui semua ({n})", approveAndReturn: "Setujui {a} & kembalikan {r}", returnOnly: "Kembalikan {r}",
    sending: "Menyimpan…", return: "Kembalikan", undoReturn: "Batal kembalikan", note: "Catatan untuk pegawai (wajib)",
    noteRequired: "Tulis catatan: pegawai perlu tahu apa yang harus diperbaiki.", willReturn: "Akan dikembalikan",
    result: "{a} disetujui, {r} dikembalikan.", someone: "pegawai", refused: "{n} progres tidak dapat diproses:", back: "Progres harian saya",
    leaveWaiting: "{n} permohonan cuti staf menunggu keputusan Anda.", leaveOpen: "Putuskan permohonan cuti",
    team: "Seluruh tim", teamWaiting: "{n} progres dari {people} pegawai", teamEntries: "Progres seluruh tim", teamName: "tim",
  },
  en: {
    title: "Review daily progress", queue: "Waiting for review", empty: "No daily progress is waiting for your review.",
    waiting: "{n} entries waiting", since: "since {date}", choose: "Choose an employee to review their progress.",
    entriesOf: "Progress of {name}", none: "Nothing more of {name} is waiting.", shown: "Showing {shown} of {total}.",
    approveAll: "Approve all ({n})", approveAndReturn: "Approve {a} & return {r}", returnOnly: "Return {r}",
    sending: "Saving…", return: "Return", undoReturn: "Do not return", note: "Note for the employee (required)",
    noteRequired: "Write a note: the employee needs to know what to fix.", willReturn: "To be returned",
    result: "{a} approved, {r} returned.", someone: "the employee", refused: "{n} entries could not be processed:", back: "My daily progress",
    leaveWaiting: "{n} leave requests of your staff wait for your decision.", leaveOpen: "Decide the leave requests",
    team: "Whole team", teamWaiting: "{n} entries of {people} employees", teamEntries: "Progress of the whole team", teamName: "the team",
  },
});

type Entry = DailyEntryFieldsFragment & { employee?: { id: string; name: string } };
const TEAM = "tim";
interface Outcome { approved: number; returned: number; refused: { entry?: Entry; entryId: string; message: string }[] }

export default function Review() {
  const t = useT(text);
  const { language } = useLanguage();
  const [params] = useSearchParams();
  const selected = params.get("pegawai") ?? "";
  const queue = useQuery(REVIEW_QUEUE);
  const items = queue.data?.dailyReviewQueue ?? [];
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const leaveWaiting = usePendingLeaveCount();

  return (
    <>
      <div className="k-spread">
        <h1>{t("title")}</h1>
        <Link to="/harian">{t("back")}</Link>
      </div>
      {/* Leave asked of the rater (R-CALENDAR) is decided on Cuti dan izin, one tap from here. */}
      {leaveWaiting > 0 && (
        <div className="k-alert k-alert-info k-spread" data-testid="review-leave-waiting">
          <span>{t("leaveWaiting", { n: leaveWaiting })}</span>
          <Link to="/harian/cuti" className="k-button">{t("leaveOpen")}</Link>
        </div>
      )}
      {queue.loading && !queue.data && <Loading />}
      {queue.error && !queue.data && <ProblemBox error={queue.error} />}
      <div className="k-daily k-daily-review">
        <section className="k-card" aria-labelledby="review-queue-heading">
          <h2 id="review-queue-heading">{t("queue")}</h2>
          {queue.data && items.length === 0 && <p className="k-muted" data-testid="review-empty">{t("empty")}</p>}
          <ul className="k-review-queue" data-testid="review-queue">
            {items.length > 1 && (
              <li>
                <Link to={`?pegawai=${TEAM}`} className="k-review-item" data-testid="review-team"
                  aria-current={selected === TEAM ? "true" : undefined} onClick={() => setOutcome(null)}>
                  <strong>{t("team")}</strong>
                  <span><span className="k-status k-status-SUBMITTED">
                    {t("teamWaiting", { n: items.reduce((sum, item) => sum + item.waiting, 0), people: items.length })}
                  </span></span>
                </Link>
              </li>
            )}
            {items.map((item) => (
              <li key={item.employee.id}>
                <Link to={`?pegawai=${encodeURIComponent(item.employee.id)}`} className="k-review-item" data-testid="review-item"
                  aria-current={item.employee.id === selected ? "true" : undefined} onClick={() => setOutcome(null)}>
                  <strong>{item.employee.name}</strong>
                  <span className="k-muted">{item.employee.position.title}</span>
                  <span><span className="k-status k-status-SUBMITTED">{t("waiting", { n: item.waiting })}</span>{" "}
                    <span className="k-muted">{t("since", { date: formatDate(item.oldestDate, language) })}</span></span>
                </Link>
              </li>
            ))}
          </ul>
        </section>
        <section className="k-card" aria-labelledby="review-entries-heading">
          {outcome && <OutcomeBox outcome={outcome} />}
          {selected ? (
            <Entries key={selected} employeeId={selected} onOutcome={setOutcome} />
          ) : (
            <>
              <h2 id="review-entries-heading" className="k-sr-only">{t("choose")}</h2>
              {items.length > 0 && <p className="k-muted">{t("choose")}</p>}
            </>
          )}
        </section>
      </div>
    </>
  );
}

function OutcomeBox({ outcome }: { outcome: Outcome }) {
  const t = useT(text);
  const { language } = useLanguage();
  return (
    <div data-testid="review-outcome">
      {(outcome.approved > 0 || outcome.returned > 0 || outcome.refused.length === 0) && (
        <div className="k-alert k-alert-success" role="status">{t("result", { a: outcome.approved, r: outcome.returned })}</div>
      )}
      {outcome.refused.length > 0 && (
        <div className="k-alert k-alert-error" role="alert" data-testid="review-refused">
          <p>{t("refused", { n: outcome.refused.length })}</p>
          <ul>
            {outcome.refused.map((row) => (
              <li key={row.entryId}>
                {row.entry && <strong>{formatDay(row.entry.date, language)}, “{row.entry.text}”: </strong>}
                {row.message}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

function Entries({ employeeId, onOutcome }: { employeeId: string; onOutcome: (o: Outcome) => void }) {
  const t = useT(text);
  const { language } = useLanguage();
  const team = employeeId === TEAM;
  const one = useQuery(REVIEW_ENTRIES, { variables: { employeeId }, skip: team });
  const all = useQuery(REVIEW_TEAM_ENTRIES, { skip: !team });
  const { data, error, loading } = team ? all : one;
  const [returns, setReturns] = useState<Record<string, string>>({});
  const [noteErrors, setNoteErrors] = useState<Record<string, boolean>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [review, { loading: sending }] = useMutation(REVIEW, {
    // The queue's refetch also updates the nav badge (DailyReviewCount reads the same field from the cache).
    refetchQueries: ["DailyReviewQueue", team ? "DailyReviewTeamEntries" : "DailyReviewEntries"], awaitRefetchQueries: true,
  });
  const name = team ? t("teamName") : one.data?.employee.name;
  // The team's entries person by person (by name), each person's oldest first.
  const entries = (data?.dailyEntries.edges ?? []).map((edge): Entry => edge.node)
    .sort((a, b) => (a.employee?.name ?? "").localeCompare(b.employee?.name ?? "") || a.date.localeCompare(b.date));
  const total = data?.dailyEntries.totalCount ?? 0;
  const toReturn = entries.filter((entry) => entry.id in returns);
  const toApprove = entries.filter((entry) => !(entry.id in returns));

  async function send() {
    setProblem(null);
    const missing = Object.fromEntries(toReturn.filter((e) => !returns[e.id].trim()).map((e) => [e.id, true]));
    setNoteErrors(missing);
    if (Object.keys(missing).length) {
      document.getElementById(`review-note-${Object.keys(missing)[0]}`)?.focus();
      return;
    }
    const shown = new Map(entries.map((entry) => [entry.id, entry]));
    try {
      const result = await review({
        variables: {
          approve: toApprove.map((entry) => entry.id),
          returns: toReturn.map((entry) => ({ id: entry.id, note: returns[entry.id] })),
        },
      });
      const outcome = result.data?.reviewDailyEntries;
      if (!outcome) return;
      onOutcome({
        approved: outcome.changed.filter((e) => e.status === "APPROVED").length,
        returned: outcome.changed.filter((e) => e.status === "RETURNED").length,
        refused: outcome.errors.map((row) => ({ entryId: row.entryId, message: row.message, entry: shown.get(row.entryId) })),
      });
      setReturns({});
    } catch (err) {
      setProblem(problemOf(err).message);
    }
  }

  const label = toReturn.length === 0 ? t("approveAll", { n: toApprove.length })
    : toApprove.length === 0 ? t("returnOnly", { r: toReturn.length })
      : t("approveAndReturn", { a: toApprove.length, r: toReturn.length });

  return (
    <>
      <h2 id="review-entries-heading">{team ? t("teamEntries") : t("entriesOf", { name: name ?? t("someone") })}</h2>
      {loading && !data && <Loading />}
      {error && !data && <ProblemBox error={error} />}
      {data && entries.length === 0 && <Notice>{t("none", { name: name ?? t("someone") })}</Notice>}
      {total > entries.length && <p className="k-muted">{t("shown", { shown: entries.length, total })}</p>}
      {problem && <div className="k-alert k-alert-error" role="alert">{problem}</div>}
      {entries.length > 0 && (
        <>
          <ul className="k-entries k-review-entries" data-testid="review-entries">
            {entries.map((entry, n) => (
              <li key={entry.id} className="k-review-entry" data-testid="review-entry">
                {team && entry.employee && entry.employee.id !== entries[n - 1]?.employee?.id && (
                  <h3 className="k-review-person" data-testid="review-person">{entry.employee.name}</h3>
                )}
                <ul className="k-entries"><EntryItem entry={entry} showDate /></ul>
                {entry.id in returns ? (
                  <div className="k-review-return">
                    <p className="k-chip k-chip-warn">{t("willReturn")}</p>
                    <label htmlFor={`review-note-${entry.id}`}>{t("note")}</label>
                    <textarea id={`review-note-${entry.id}`} rows={2} value={returns[entry.id]} maxLength={2000}
                      onChange={(e) => setReturns({ ...returns, [entry.id]: e.target.value })}
                      aria-invalid={noteErrors[entry.id] ? true : undefined}
                      aria-describedby={noteErrors[entry.id] ? `review-note-error-${entry.id}` : undefined} />
                    {noteErrors[entry.id] && <p className="k-field-error" id={`review-note-error-${entry.id}`}>{t("noteRequired")}</p>}
                    <button type="button" className="k-button" onClick={() => {
                      const { [entry.id]: _dropped, ...rest } = returns;
                      setReturns(rest);
                    }}>{t("undoReturn")}</button>
                  </div>
                ) : (
                  <button type="button" className="k-button k-danger" onClick={() => setReturns({ ...returns, [entry.id]: "" })}
                    aria-label={`${t("return")}: ${formatDay(entry.date, language)}, ${entry.text.slice(0, 60)}`}>{t("return")}</button>
                )}
              </li>
            ))}
          </ul>
          <div className="k-daily-actions">
            <button type="button" className="k-button k-primary" onClick={send} disabled={sending} data-testid="review-send">
              {sending ? t("sending") : label}
            </button>
          </div>
        </>
      )}
    </>
  );
}

