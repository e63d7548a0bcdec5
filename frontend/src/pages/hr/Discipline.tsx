/**
 * Disiplin harian (R-DISCIPLINE, R-LATE): for the chosen unit and a month of the chosen year, one
 * row per employee — working days, on time, late, missing, excused, pending, % on time — paged;
 * the month's XLSX; closing the month ("Tutup bulan", asked first) and reopening it. The API
 * decides who may: a leader sees the figures and the download, closing is refused and the
 * server's message shown.
 *
 * Whether the month is closed: `monthClosure` — the closure that applies (the unit's own, else
 * the nearest unit's above it), who closed it and when, null while open. Only the unit's own
 * closure can be reopened here; one from above is reopened at that unit. A viewer who may not
 * read it (NOT_FOUND) sees no state, and the buttons ask the server.
 */
import { useMutation, useQuery } from "@apollo/client/react";
import { useState } from "react";
import { DocumentLink, DocumentLinks } from "../../components/DocumentLink";
import { Loading, ProblemBox } from "../../components/Status";
import { problemOf, type Problem } from "../../errors";
import { graphql } from "../../gql";
import { defineMessages, formatDateTime, formatNumber, locale, todayWib, useLanguage, useT, type Language } from "../../i18n";
import type { HrScope } from "./shared";

const PAGE = 50;

const HR_DISCIPLINE = graphql(`
  query HrDiscipline($unitId: ID!, $year: Int!, $month: Int!, $first: Int!, $after: String) {
    discipline(unitId: $unitId, year: $year, month: $month, first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges {
        node {
          employee { id name unit { id name } }
          workingDays onTime late missing excused pending percentOnTime
        }
      }
    }
    disciplineExport(unitId: $unitId, year: $year, month: $month) { ...DocumentFields }
  }
`);

const HR_MONTH_CLOSURE = graphql(`
  query HrMonthClosure($unitId: ID!, $year: Int!, $month: Int!) {
    monthClosure(unitId: $unitId, year: $year, month: $month) { year month closedAt unit { id name } closedBy { id name } }
  }
`);

const HR_CLOSE_MONTH = graphql(`
  mutation HrCloseMonth($unitId: ID!, $year: Int!, $month: Int!) {
    closeMonth(unitId: $unitId, year: $year, month: $month) { year month closedAt unit { id name } }
  }
`);

const HR_REOPEN_MONTH = graphql(`
  mutation HrReopenMonth($unitId: ID!, $year: Int!, $month: Int!) {
    reopenMonth(unitId: $unitId, year: $year, month: $month)
  }
`);

const text = defineMessages({
  id: {
    title: "Disiplin harian {unit}", lead: "Per pegawai dan bulan: hari kerja dan pengisian progres harian (dihitung sampai hari ini). Tidak ada perhitungan uang.",
    month: "Bulan", table: "Disiplin harian {month} {year}", name: "Nama", workingDays: "Hari kerja", onTime: "Tepat waktu",
    late: "Terlambat", missing: "Tidak mengisi", excused: "Dikecualikan", pending: "Belum jatuh tempo", percent: "% tepat waktu",
    none: "Tidak ada pegawai untuk unit dan bulan ini.", count: "{x} dari {n} pegawai", more: "Muat lebih banyak",
    loadingMore: "Memuat…", docs: "Dokumen {month} {year}", download: "Unduh disiplin {month} {year}",
    closeTitle: "Tutup bulan", closeLead: "Setelah bulan ditutup, progres harian dan cuti untuk bulan itu ditolak (R-LATE) untuk {unit} dan sub-unitnya.",
    close: "Tutup bulan", reopen: "Buka kembali", working: "Memproses…",
    confirmClose: "Tutup {month} {year} untuk {unit} dan seluruh sub-unitnya? Progres harian bulan itu tidak dapat dicatat lagi.",
    confirmReopen: "Buka kembali {month} {year} untuk {unit}?",
    stateClosed: "{month} {year} ditutup untuk {unit} pada {at}.", stateClosedBy: "{month} {year} ditutup untuk {unit} pada {at} oleh {by}.",
    stateAbove: "Penutupan ini berlaku dari unit di atasnya; bulan ini hanya dapat dibuka kembali di {unit}.",
    stateOpen: "{month} {year} masih terbuka.",
    stateUnknown: "Status tutup bulan tidak dapat dibaca untuk unit ini; tombol di bawah menjawab dari server.",
    closed: "{month} {year} ditutup untuk {unit} pada {at}.", reopened: "{month} {year} dibuka kembali untuk {unit}.",
  },
  en: {
    title: "Daily discipline {unit}", lead: "Per employee and month: working days and how daily progress was filled (counted up to today). No money is computed.",
    month: "Month", table: "Daily discipline {month} {year}", name: "Name", workingDays: "Working days", onTime: "On time",
    late: "Late", missing: "Missing", excused: "Excused", pending: "Not yet due", percent: "% on time",
    none: "No employees for this unit and month.", count: "{x} of {n} employees", more: "Load more",
    loadingMore: "Loading…", docs: "Documents {month} {year}", download: "Download discipline {month} {year}",
    closeTitle: "Close the month", closeLead: "Once a month is closed, daily progress and leave for it are refused (R-LATE) for {unit} and its sub-units.",
    close: "Close the month", reopen: "Reopen", working: "Working…",
    confirmClose: "Close {month} {year} for {unit} and all its sub-units? Daily progress for that month can no longer be recorded.",
    confirmReopen: "Reopen {month} {year} for {unit}?",
    stateClosed: "{month} {year} was closed for {unit} on {at}.", stateClosedBy: "{month} {year} was closed for {unit} on {at} by {by}.",
    stateAbove: "This closure comes from a unit above; the month can only be reopened at {unit}.",
    stateOpen: "{month} {year} is open.",
    stateUnknown: "Whether the month is closed cannot be read for this unit; the buttons below get the server's answer.",
    closed: "{month} {year} closed for {unit} on {at}.", reopened: "{month} {year} reopened for {unit}.",
  },
});

function monthName(month: number, language: Language): string {
  return new Intl.DateTimeFormat(locale(language), { month: "long", timeZone: "UTC" }).format(new Date(Date.UTC(2000, month - 1, 1)));
}

/** The month to start with: the last full month of this year (the one to close), else December
 * of a past year, January of a later one. */
function defaultMonth(year: number): number {
  const [thisYear, thisMonth] = todayWib().split("-").map(Number);
  if (year < thisYear) return 12;
  if (year > thisYear) return 1;
  return Math.max(1, thisMonth - 1);
}

export default function Discipline({ scope }: { scope: HrScope }) {
  const t = useT(text);
  const { language } = useLanguage();
  const [chosen, setChosen] = useState<{ year: number; month: number } | null>(null);
  const [monthError, setMonthError] = useState<string | null>(null);
  const month = chosen?.year === scope.year ? chosen.month : defaultMonth(scope.year);
  const names = { month: monthName(month, language), year: scope.year, unit: scope.unitName };

  const variables = { unitId: scope.unitId, year: scope.year, month, first: PAGE };
  const { data, error, loading, fetchMore } = useQuery(HR_DISCIPLINE, { variables });
  const [more, setMore] = useState(false);
  const [moreError, setMoreError] = useState<unknown>(null);
  const connection = data?.discipline;
  const rows = connection?.edges.map((e) => e.node) ?? [];

  async function loadMore() {
    if (!connection?.pageInfo.endCursor) return;
    setMore(true);
    setMoreError(null);
    try {
      await fetchMore({
        variables: { ...variables, after: connection.pageInfo.endCursor },
        updateQuery: (previous, { fetchMoreResult }) => ({
          ...fetchMoreResult,
          discipline: {
            ...fetchMoreResult.discipline,
            edges: [...(previous.discipline?.edges ?? []), ...fetchMoreResult.discipline.edges],
          },
        }),
      });
    } catch (e) {
      setMoreError(e);
    } finally {
      setMore(false);
    }
  }

  const percent = (value: number | null | undefined) => (value == null ? "–" : `${formatNumber(value, language, 2)}%`);

  return (
    <section aria-labelledby="hr-discipline-title">
      <h2 id="hr-discipline-title">{t("title", { unit: scope.unitName })}</h2>
      <p className="k-muted">{t("lead")}</p>
      <div className="k-card hr-month">
        <MonthPicker year={scope.year} month={month} invalid={monthError}
          onChange={(m) => { setChosen({ year: scope.year, month: m }); setMonthError(null); }} />
      </div>
      {loading && !data && <Loading />}
      {error && <ProblemBox error={error} />}
      {data && (
        <>
          <DocumentLinks label={t("docs", names)}>
            <DocumentLink document={data.disciplineExport} label={t("download", names)} testId="hr-discipline-xlsx" />
          </DocumentLinks>
          {!rows.length ? <p>{t("none")}</p> : (
            <div className="k-table-wrap k-card hr-discipline" tabIndex={0} role="region" aria-label={t("table", names)}>
              <table data-testid="hr-discipline-table">
                <caption className="k-sr-only">{t("table", names)}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("name")}</th>
                    <th scope="col">{t("workingDays")}</th>
                    <th scope="col">{t("onTime")}</th>
                    <th scope="col">{t("late")}</th>
                    <th scope="col">{t("missing")}</th>
                    <th scope="col">{t("excused")}</th>
                    <th scope="col">{t("pending")}</th>
                    <th scope="col">{t("percent")}</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r) => (
                    <tr key={r.employee.id} data-testid="hr-discipline-row" data-employee={r.employee.id}>
                      <th scope="row">
                        {r.employee.name}
                        {r.employee.unit.id !== scope.unitId && <small className="k-muted">{r.employee.unit.name}</small>}
                      </th>
                      <td>{r.workingDays}</td>
                      <td>{r.onTime}</td>
                      <td className={r.late ? "hr-warn" : undefined}>{r.late}</td>
                      <td className={r.missing ? "hr-bad" : undefined}>{r.missing}</td>
                      <td>{r.excused}</td>
                      <td>{r.pending}</td>
                      <td>{percent(r.percentOnTime)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {connection && rows.length > 0 && (
            <div className="k-spread">
              <p className="k-muted" aria-live="polite" data-testid="hr-discipline-count">
                {t("count", { x: rows.length, n: connection.totalCount })}
              </p>
              {connection.pageInfo.hasNextPage && (
                <button type="button" className="k-button" onClick={loadMore} disabled={more}>
                  {more ? t("loadingMore") : t("more")}
                </button>
              )}
            </div>
          )}
          {moreError != null && <ProblemBox error={moreError} />}
        </>
      )}
      <MonthClosing key={`${scope.unitId}-${scope.year}-${month}`} scope={scope} month={month} onMonthError={setMonthError} />
    </section>
  );
}

function MonthPicker({ year, month, onChange, invalid }: {
  year: number; month: number; onChange: (month: number) => void; invalid: string | null;
}) {
  const t = useT(text);
  const { language } = useLanguage();
  return (
    <div>
      <label htmlFor="hr-month">{t("month")}</label>
      <select id="hr-month" value={month} onChange={(e) => onChange(Number(e.target.value))}
        aria-invalid={invalid ? true : undefined} aria-describedby={invalid ? "hr-month-error" : undefined}>
        {Array.from({ length: 12 }, (_, i) => i + 1).map((m) => (
          <option key={m} value={m}>{monthName(m, language)} {year}</option>
        ))}
      </select>
      {invalid && <p id="hr-month-error" className="k-field-error">{invalid}</p>}
    </div>
  );
}

function MonthClosing({ scope, month, onMonthError }: {
  scope: HrScope; month: number; onMonthError: (message: string | null) => void;
}) {
  const t = useT(text);
  const { language } = useLanguage();
  const names = { month: monthName(month, language), year: scope.year, unit: scope.unitName };
  const state = useQuery(HR_MONTH_CLOSURE, {
    variables: { unitId: scope.unitId, year: scope.year, month }, fetchPolicy: "network-only",
  });
  // undefined: not known (loading, or not readable by this viewer); null: open.
  const closure = state.error || !state.data ? undefined : state.data.monthClosure;
  const closedHere = closure?.unit.id === scope.unitId;

  const [closeMonth, closing] = useMutation(HR_CLOSE_MONTH);
  const [reopenMonth, reopening] = useMutation(HR_REOPEN_MONTH);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const busy = closing.loading || reopening.loading;

  async function act(kind: "close" | "reopen") {
    if (!window.confirm(t(kind === "close" ? "confirmClose" : "confirmReopen", names))) return;
    setProblem(null);
    setDone(null);
    onMonthError(null);
    const variables = { unitId: scope.unitId, year: scope.year, month };
    try {
      if (kind === "close") {
        const closure = (await closeMonth({ variables })).data?.closeMonth;
        setDone(t("closed", { ...names, at: formatDateTime(closure?.closedAt, language) }));
      } else {
        await reopenMonth({ variables });
        setDone(t("reopened", names));
      }
    } catch (e) {
      const found = problemOf(e);
      setProblem(found);
      onMonthError(found.fields.month ?? null);
    }
    await state.refetch().catch(() => undefined);
  }

  const closedText = closure && t(closure.closedBy ? "stateClosedBy" : "stateClosed", {
    ...names, unit: closure.unit.name, at: formatDateTime(closure.closedAt, language), by: closure.closedBy?.name ?? "",
  });

  return (
    <div className="k-card" data-testid="hr-month-closing">
      <h3>{t("closeTitle")}</h3>
      <p>{t("closeLead", { unit: scope.unitName })}</p>
      {closure !== undefined && (
        <div data-testid="hr-month-state" data-closed={closure ? "true" : "false"} data-unit={closure?.unit.id ?? ""}>
          <p>
            <span className={`k-status ${closure ? "hr-state-closed" : "hr-state-open"}`}>
              {closure ? closedText : t("stateOpen", names)}
            </span>
          </p>
          {closure && !closedHere && <p className="k-muted" data-testid="hr-month-above">{t("stateAbove", { unit: closure.unit.name })}</p>}
        </div>
      )}
      {state.error && <p className="k-muted" data-testid="hr-month-unknown">{t("stateUnknown")}</p>}
      {done && <div className="k-alert k-alert-success" role="status" data-testid="hr-month-done">{done}</div>}
      {problem && (
        <div className="k-alert k-alert-error" role="alert" data-testid="hr-month-problem">
          {problem.message}
        </div>
      )}
      <div className="k-row">
        <button type="button" className="k-button k-primary" disabled={busy || !!closure} onClick={() => act("close")}>
          {closing.loading ? t("working") : t("close")}
        </button>
        <button type="button" className="k-button" disabled={busy || closure === null || (!!closure && !closedHere)}
          onClick={() => act("reopen")}>
          {reopening.loading ? t("working") : t("reopen")}
        </button>
      </div>
    </div>
  );
}
