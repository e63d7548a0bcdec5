/**
 * Beranda: my open tasks (overdue ones marked in words, not only in red), my progress this year
 * per indicator, and the state of my SKP. People without an employee record (e.g. a technical
 * admin) see their tasks only.
 */
import { useQuery } from "@apollo/client/react";
import { useMemo } from "react";
import { Link } from "react-router";
import { Chart } from "../components/Chart";
import { Loading, ProblemBox, StatusBadge } from "../components/Status";
import { graphql } from "../gql";
import { defineMessages, formatDateTime, useLanguage, useT } from "../i18n";
import { useMe } from "../session";
import "./Home.css";

const HOME_TASKS = graphql(`
  query HomeTasks {
    tasks(first: 10, filter: { mine: true }) {
      totalCount
      edges { node { id name dueAt assignee { id name } processInstance { id key definition { id name } subject { id name } } } }
    }
  }
`);

const HOME_YEAR = graphql(`
  query HomeYear($year: Int!) {
    myPlan(year: $year) { id status isOverdue revisionNotes rater { id name } approvedAt }
    myProgress(year: $year) { workResultText target realization percent indicator { id text aspect } }
  }
`);

const text = defineMessages({
  id: {
    greeting: "Selamat datang, {name}", tasks: "Tugas terbuka saya", noTasks: "Tidak ada tugas terbuka.",
    allTasks: "Lihat semua tugas ({n})", due: "jatuh tempo {date}", noDue: "tanpa tenggat", overdue: "terlambat",
    claimable: "bisa diambil", plan: "SKP saya tahun {year}", noPlan: "Belum ada SKP untuk tahun {year}.",
    status: "Status", rater: "Pejabat penilai", noRater: "belum ditetapkan", openPlan: "Buka SKP saya",
    planOverdue: "SKP terlambat diajukan.", revision: "Catatan perbaikan", progress: "Capaian saya tahun {year}",
    noProgress: "Belum ada capaian yang tercatat.", chart: "Capaian per indikator (%)", percent: "Capaian",
    noEmployee: "Akun Anda tidak terhubung dengan data pegawai, sehingga SKP dan capaian tidak ditampilkan.",
  },
  en: {
    greeting: "Welcome, {name}", tasks: "My open tasks", noTasks: "No open tasks.",
    allTasks: "See all tasks ({n})", due: "due {date}", noDue: "no due date", overdue: "overdue",
    claimable: "claimable", plan: "My SKP for {year}", noPlan: "No SKP for {year} yet.",
    status: "Status", rater: "Rater", noRater: "not set", openPlan: "Open my SKP",
    planOverdue: "The SKP is overdue.", revision: "Revision notes", progress: "My progress in {year}",
    noProgress: "No progress recorded yet.", chart: "Progress per indicator (%)", percent: "Progress",
    noEmployee: "Your account is not linked to an employee record, so no SKP or progress is shown.",
  },
});

export default function Home() {
  const t = useT(text);
  const { language } = useLanguage();
  const me = useMe();
  const year = new Date().getFullYear();
  const tasks = useQuery(HOME_TASKS);
  const mine = useQuery(HOME_YEAR, { variables: { year }, skip: !me.employee });
  const now = new Date();

  const progress = mine.data?.myProgress ?? [];
  const labels = useMemo(() => progress.map((p, i) => `${i + 1}. ${p.indicator.text}`), [progress]);
  const series = useMemo(() => [{ label: t("percent"), values: progress.map((p) => Math.round(p.percent ?? 0)) }], [progress, t]);

  return (
    <>
      <h1>{t("greeting", { name: me.employee?.name ?? me.user.username })}</h1>
      <div className="k-grid">
        <section className="k-card" aria-labelledby="home-tasks">
          <h2 id="home-tasks">{t("tasks")}</h2>
          {tasks.error && <ProblemBox error={tasks.error} />}
          {tasks.loading && !tasks.data ? <Loading /> : null}
          {tasks.data && (tasks.data.tasks.edges.length === 0 ? <p>{t("noTasks")}</p> : (
            <ul className="k-home-tasks">
              {tasks.data.tasks.edges.map(({ node }) => {
                const overdue = node.dueAt && new Date(node.dueAt) < now;
                return (
                  <li key={node.id}>
                    <Link to={`/tugas/${node.id}`}>{node.name}</Link>
                    <span> — {node.processInstance.subject.name}</span>
                    <br />
                    <span className={overdue ? "k-overdue" : "k-muted"}>
                      {node.dueAt ? t("due", { date: formatDateTime(node.dueAt, language) }) : t("noDue")}
                      {overdue ? ` (${t("overdue")})` : ""}
                    </span>
                    {!node.assignee && <span className="k-muted"> · {t("claimable")}</span>}
                  </li>
                );
              })}
            </ul>
          ))}
          {tasks.data && <p><Link to="/tugas">{t("allTasks", { n: tasks.data.tasks.totalCount })}</Link></p>}
        </section>

        {me.employee ? (
          <section className="k-card" aria-labelledby="home-plan">
            <h2 id="home-plan">{t("plan", { year })}</h2>
            {mine.error && <ProblemBox error={mine.error} />}
            {mine.loading && !mine.data ? <Loading /> : null}
            {mine.data && !mine.data.myPlan && <p>{t("noPlan", { year })}</p>}
            {mine.data?.myPlan && (
              <>
                <dl className="k-home-facts">
                  <dt>{t("status")}</dt>
                  <dd><StatusBadge status={mine.data.myPlan.status} /></dd>
                  <dt>{t("rater")}</dt>
                  <dd>{mine.data.myPlan.rater?.name ?? t("noRater")}</dd>
                </dl>
                {mine.data.myPlan.isOverdue && <p className="k-overdue">{t("planOverdue")}</p>}
                {mine.data.myPlan.revisionNotes && (
                  <p><strong>{t("revision")}:</strong> {mine.data.myPlan.revisionNotes}</p>
                )}
              </>
            )}
            <p><Link to="/skp">{t("openPlan")}</Link></p>
          </section>
        ) : (
          <section className="k-card" aria-labelledby="home-plan">
            <h2 id="home-plan">{t("plan", { year })}</h2>
            <p>{t("noEmployee")}</p>
          </section>
        )}
      </div>

      {me.employee && (
        <section className="k-card" aria-labelledby="home-progress">
          <h2 id="home-progress">{t("progress", { year })}</h2>
          {mine.data && (progress.length === 0 ? <p>{t("noProgress")}</p> : (
            <Chart kind="bar" title={t("chart")} labels={labels} series={series} unit="%" />
          ))}
        </section>
      )}
    </>
  );
}
