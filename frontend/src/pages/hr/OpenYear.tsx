/** Buka tahun / periode: start the background job, confirm first, then watch its progress. */
import { useMutation, useQuery } from "@apollo/client/react";
import { useEffect, useState } from "react";
import { ProblemBox } from "../../components/Status";
import { graphql } from "../../gql";
import { defineMessages, formatDateTime, useEnumLabel, useLanguage, usePeriodLabel, useT } from "../../i18n";
import { PeriodPicker, usePeriodChoice, type HrScope } from "./shared";

const HR_OPEN_YEAR = graphql(`
  mutation HrOpenYear($year: Int!, $unitId: ID!) {
    openPerformanceYear(year: $year, unitId: $unitId) { id kind status progress total errors createdAt finishedAt }
  }
`);

const HR_OPEN_PERIOD = graphql(`
  mutation HrOpenPeriod($periodId: ID!, $unitId: ID!) {
    openReviewPeriod(periodId: $periodId, unitId: $unitId) { id kind status progress total errors createdAt finishedAt }
  }
`);

const HR_JOB = graphql(`
  query HrJob($id: ID!) {
    job(id: $id) { id kind status progress total errors createdAt finishedAt }
  }
`);

const text = defineMessages({
  id: {
    yearTitle: "Buka tahun kinerja", yearLead: "Membuat periode tahun {year} serta SKP dan proses perencanaannya untuk setiap pegawai {unit} dan sub-unitnya.",
    yearStart: "Buka tahun {year}…", confirmYear: "Buka tahun {year} untuk {unit} dan seluruh sub-unitnya? SKP yang sudah ada tidak diubah.",
    periodTitle: "Buka periode penilaian", periodLead: "Membuat evaluasi dan proses penilaian untuk setiap SKP yang disetujui di {unit} dan sub-unitnya.",
    periodStart: "Buka periode…", confirmPeriod: "Buka {period} {year} untuk {unit} dan seluruh sub-unitnya?",
    yes: "Ya, mulai", cancel: "Batal", starting: "Memulai…", progressTitle: "Kemajuan",
    progress: "{x} dari {y}", status: "Status", done: "Selesai: {n} diproses.", failed: "Selesai dengan {n} kesalahan:",
    waiting: "Menunggu giliran…", item: "Butir {id}", started: "Dimulai {at}",
  },
  en: {
    yearTitle: "Open the performance year", yearLead: "Creates the periods of {year} and an SKP with its planning process for every employee of {unit} and its sub-units.",
    yearStart: "Open {year}…", confirmYear: "Open {year} for {unit} and all its sub-units? Existing SKPs are left as they are.",
    periodTitle: "Open a review period", periodLead: "Creates an evaluation and its review process for every approved SKP in {unit} and its sub-units.",
    periodStart: "Open the period…", confirmPeriod: "Open {period} {year} for {unit} and all its sub-units?",
    yes: "Yes, start", cancel: "Cancel", starting: "Starting…", progressTitle: "Progress",
    progress: "{x} of {y}", status: "Status", done: "Done: {n} processed.", failed: "Finished with {n} errors:",
    waiting: "Waiting to start…", item: "Item {id}", started: "Started {at}",
  },
});

export default function OpenYear({ scope }: { scope: HrScope }) {
  const t = useT(text);
  const periodLabel = usePeriodLabel();
  const choice = usePeriodChoice(scope.year);
  const [confirming, setConfirming] = useState<"year" | "period" | null>(null);
  const [jobId, setJobId] = useState<string | null>(null);
  const [problem, setProblem] = useState<unknown>(null);
  const [openYear, year] = useMutation(HR_OPEN_YEAR);
  const [openPeriod, period] = useMutation(HR_OPEN_PERIOD);
  const busy = year.loading || period.loading;

  async function start() {
    setProblem(null);
    setJobId(null);
    const what = confirming;
    setConfirming(null);
    try {
      const result = what === "year"
        ? (await openYear({ variables: { year: scope.year, unitId: scope.unitId } })).data?.openPerformanceYear
        : (await openPeriod({ variables: { periodId: choice.periodId, unitId: scope.unitId } })).data?.openReviewPeriod;
      if (result) setJobId(result.id);
      if (what === "year") await choice.refetch().catch(() => undefined);
    } catch (error) {
      setProblem(error);
    }
  }

  const confirmBox = (message: string) => (
    <div className="hr-confirm" role="alertdialog" aria-labelledby="hr-confirm-text">
      <p id="hr-confirm-text">{message}</p>
      <div className="k-row">
        <button type="button" className="k-button k-primary" onClick={start}>{t("yes")}</button>
        <button type="button" className="k-button" onClick={() => setConfirming(null)}>{t("cancel")}</button>
      </div>
    </div>
  );

  return (
    <section aria-labelledby="hr-open-title">
      <h2 id="hr-open-title" className="k-sr-only">{t("yearTitle")} / {t("periodTitle")}</h2>
      <div className="k-grid">
        <div className="k-card">
          <h3>{t("yearTitle")}</h3>
          <p>{t("yearLead", { year: scope.year, unit: scope.unitName })}</p>
          {confirming === "year" ? confirmBox(t("confirmYear", { year: scope.year, unit: scope.unitName })) : (
            <button type="button" className="k-button k-primary" disabled={busy} onClick={() => setConfirming("year")}>
              {t("yearStart", { year: scope.year })}
            </button>
          )}
        </div>
        <div className="k-card">
          <h3>{t("periodTitle")}</h3>
          <p>{t("periodLead", { unit: scope.unitName })}</p>
          <PeriodPicker id="hr-open-period" year={scope.year} choice={choice} />
          {confirming === "period" && choice.period ? confirmBox(t("confirmPeriod", {
            period: periodLabel(choice.period), year: scope.year, unit: scope.unitName,
          })) : (
            <div className="hr-actions">
              <button type="button" className="k-button" disabled={busy || !choice.periodId} onClick={() => setConfirming("period")}>
                {t("periodStart")}
              </button>
            </div>
          )}
        </div>
      </div>
      {busy && <p className="k-loading" role="status">{t("starting")}</p>}
      {problem != null && <ProblemBox error={problem} />}
      {jobId && <JobProgress id={jobId} />}
    </section>
  );
}

export function JobProgress({ id }: { id: string }) {
  const t = useT(text);
  const enumLabel = useEnumLabel();
  const { language } = useLanguage();
  const { data, error, startPolling, stopPolling } = useQuery(HR_JOB, {
    variables: { id }, fetchPolicy: "network-only", notifyOnNetworkStatusChange: false,
  });
  const job = data?.job;
  const finished = job?.status === "DONE" || job?.status === "FAILED";
  useEffect(() => {
    if (finished) stopPolling();
    else startPolling(500);
    return () => stopPolling();
  }, [finished, startPolling, stopPolling]);
  const errors: { id?: unknown; employeeName?: string; message?: string }[] = Array.isArray(job?.errors) ? job.errors : [];

  return (
    <div className="k-card hr-job" data-testid="hr-job">
      <h3>{t("progressTitle")}</h3>
      {error && <ProblemBox error={error} />}
      {job && (
        <>
          <progress className="k-progress" value={job.progress} max={Math.max(job.total, 1)}
            aria-label={t("progressTitle")} />
          <p className="k-spread" aria-live="polite">
            <span data-testid="hr-job-count">{t("progress", { x: job.progress, y: job.total })}</span>
            <span className={`k-status k-status-${job.status}`}>{t("status")}: {enumLabel(job.status)}</span>
          </p>
          <p className="k-muted">{t("started", { at: formatDateTime(job.createdAt, language) })}</p>
          {job.status === "PENDING" && <p>{t("waiting")}</p>}
          {job.status === "DONE" && <div className="k-alert k-alert-success" role="status">{t("done", { n: job.progress })}</div>}
          {errors.length > 0 && (
            <div className="k-alert k-alert-error" role="alert">
              {t("failed", { n: errors.length })}
              <ul>{errors.map((e, i) => <li key={i}>{e.employeeName ?? t("item", { id: String(e.id ?? i + 1) })}: {e.message}</li>)}</ul>
            </div>
          )}
        </>
      )}
    </div>
  );
}
