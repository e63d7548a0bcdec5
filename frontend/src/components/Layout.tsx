/**
 * The frame of every signed-in screen: skip link, header with the navigation the person's roles
 * call for (the server still checks every request), the live task badge, language, sign out.
 */
import { useMutation, useQuery, useSubscription } from "@apollo/client/react";
import { useEffect, useState, type ReactNode } from "react";
import { NavLink } from "react-router";
import { client } from "../apollo";
import { graphql } from "../gql";
import { defineMessages, useT } from "../i18n";
import { useMe } from "../session";
import { DailyReminder } from "./DailyReminder";
import { LanguageSwitch } from "./LanguageSwitch";

const OPEN_TASK_COUNT = graphql(`
  query OpenTaskCount {
    tasks(first: 1, filter: { mine: true, state: READY }) { totalCount }
  }
`);

export const TASK_EVENTS = graphql(`
  subscription TaskEvents {
    taskEvents { kind taskId name bpmnId processInstanceId subjectName }
  }
`);

/** Raters: how many of their staff have daily entries waiting (the nav badge, Harian's link). */
export const DAILY_REVIEW_COUNT = graphql(`
  query DailyReviewCount {
    dailyReviewQueue { waiting employee { id } }
  }
`);

const LOGOUT = graphql(`
  mutation Logout { logout }
`);

const text = defineMessages({
  id: {
    skip: "Lompat ke isi", home: "Beranda", tasks: "Tugas", plan: "SKP saya", evaluations: "Evaluasi",
    team: "Tim saya", daily: "Harian", dailyWaiting: "{n} pegawai menunggu tinjauan", hr: "Pengelola kinerja", unit: "Kinerja unit", logout: "Keluar", menu: "Menu", openTasks: "{n} tugas terbuka",
    newTask: "Tugas baru: {name} ({subject})",
  },
  en: {
    skip: "Skip to content", home: "Home", tasks: "Tasks", plan: "My SKP", evaluations: "Evaluations",
    team: "My team", daily: "Daily", dailyWaiting: "{n} employees waiting for review", hr: "Performance admin", unit: "Unit performance", logout: "Sign out", menu: "Menu", openTasks: "{n} open tasks",
    newTask: "New task: {name} ({subject})",
  },
});

export function Layout({ children }: { children: ReactNode }) {
  const t = useT(text);
  const me = useMe();
  const [open, setOpen] = useState(false);
  const [announcement, setAnnouncement] = useState("");
  const count = useQuery(OPEN_TASK_COUNT, { fetchPolicy: "cache-and-network" });
  const [logout] = useMutation(LOGOUT);
  // Every task event for me: the badge and any task list on screen refresh, without a reload.
  useSubscription(TASK_EVENTS, {
    onData: ({ data }) => {
      const event = data.data?.taskEvents;
      if (!event) return;
      if (event.kind !== "COMPLETED") setAnnouncement(t("newTask", { name: event.name, subject: event.subjectName }));
      client.refetchQueries({ include: "active" }).catch(() => undefined); // shown by each screen
    },
  });
  useEffect(() => setOpen(false), []);
  const openTasks = count.data?.tasks.totalCount ?? 0;
  const isHr = me.roles.includes("PERFORMANCE_ADMIN") || me.roles.includes("SUPERUSER");
  const leads = me.subordinates.length > 0;
  // Only raters ask for their daily review queue: one small query, refreshed with the others.
  const reviewQueue = useQuery(DAILY_REVIEW_COUNT, { skip: !leads, fetchPolicy: "cache-and-network" });
  const waitingPeople = reviewQueue.data?.dailyReviewQueue.length ?? 0;
  // Leaders see their unit's dashboard and rate the units below them (R-ORG) on the same screens.
  const leadsUnit = me.roles.includes("UNIT_LEADER");

  async function signOut() {
    try {
      await logout();
    } catch {
      // Already signed out on the server: the reload below shows the sign-in screen all the same.
    }
    // A fresh page: nothing of this person's data stays in memory (cache, subscriptions).
    window.location.assign("/");
  }

  const link = (to: string, label: string, extra?: ReactNode) => (
    <li>
      <NavLink to={to} end={to === "/" || to === "/harian"} onClick={() => setOpen(false)}>
        {label}
        {extra}
      </NavLink>
    </li>
  );

  return (
    <>
      <a className="k-skip" href="#main">{t("skip")}</a>
      <header className="k-header">
        <div className="k-header-bar">
          <NavLink to="/" className="k-brand">Kinerja</NavLink>
          <button type="button" className="k-menu-toggle" aria-expanded={open} aria-controls="k-nav"
            onClick={() => setOpen(!open)}>
            {t("menu")}
          </button>
          <nav id="k-nav" className={open ? "k-nav k-nav-open" : "k-nav"} aria-label={t("menu")}>
            <ul>
              {link("/", t("home"))}
              {link("/tugas", t("tasks"),
                <span className="k-badge" data-testid="task-badge" aria-label={t("openTasks", { n: openTasks })}>
                  {openTasks}
                </span>)}
              {/* Raters: the badge counts the staff whose daily entries wait (the review is one tap inside).
                  Only employees record or rate progress (an account without one has no staff). */}
              {me.employee && link("/harian", t("daily"), waitingPeople > 0 && (
                <span className="k-badge" data-testid="daily-review-badge" aria-label={t("dailyWaiting", { n: waitingPeople })}>
                  {waitingPeople}
                </span>
              ))}
              {me.employee && link("/skp", t("plan"))}
              {me.employee && link("/evaluasi", t("evaluations"))}
              {leads && link("/tim", t("team"))}
              {isHr ? link("/hr", t("hr")) : leadsUnit && link("/hr", t("unit"))}
            </ul>
          </nav>
          <div className="k-header-tools">
            <span className="k-user" title={me.user.username}>{me.employee?.name ?? me.user.username}</span>
            <LanguageSwitch />
            <button type="button" className="k-button" onClick={signOut}>{t("logout")}</button>
          </div>
        </div>
      </header>
      <div className="k-sr-only" role="status" aria-live="polite">{announcement}</div>
      <main id="main" className="k-main" tabIndex={-1}>
        {/* Only employees record progress: only they hear that theirs is missing (or their staff's waits). */}
        {me.employee && <DailyReminder />}
        {children}
      </main>
    </>
  );
}
