/**
 * Harian (/harian): the employee's daily progress (R-DAILY) — the quick entry form and the week
 * at a glance; below each other on a phone, side by side on a desktop. Picking a day in the week
 * (or the date field) moves both; changing a draft or returned entry loads it into the form.
 */
import { useQuery } from "@apollo/client/react";
import { useState } from "react";
import { DAILY_REVIEW_COUNT } from "../../components/Layout";
import { Link } from "react-router";
import { Notice } from "../../components/Status";
import type { DailyEntryFieldsFragment } from "../../gql/graphql";
import { defineMessages, todayWib, useT } from "../../i18n";
import { useMe } from "../../session";
import { EntryForm } from "./EntryForm";
import { usePendingLeaveCount } from "./leaveQueries";
import { Week } from "./Week";
import "./Daily.css";

const text = defineMessages({
  id: { title: "Progres harian", form: "Isi progres", noEmployee: "Progres harian dicatat oleh pegawai; akun ini tidak terhubung dengan data pegawai.", review: "Tinjau progres tim", waiting: "{n} pegawai menunggu", more: "Lainnya", actionPlans: "Rencana aksi", leave: "Cuti dan izin", leaveWaiting: "{n} menunggu keputusan" },
  en: { title: "Daily progress", form: "Record progress", noEmployee: "Daily progress is recorded by employees; this account has no employee record.", review: "Review the team's progress", waiting: "{n} waiting", more: "More", actionPlans: "Action plans", leave: "Leave", leaveWaiting: "{n} to decide" },
});

export default function Daily() {
  const t = useT(text);
  const me = useMe();
  const [today] = useState(todayWib);
  const [date, setDate] = useState(today);
  const [weekDate, setWeekDate] = useState(today);
  const [editing, setEditing] = useState<DailyEntryFieldsFragment | null>(null);
  const rates = me.subordinates.length > 0;
  const queue = useQuery(DAILY_REVIEW_COUNT, { skip: !rates });
  const waiting = queue.data?.dailyReviewQueue.length ?? 0;
  const leaveWaiting = usePendingLeaveCount();

  if (!me.employee) return <><h1>{t("title")}</h1><Notice>{t("noEmployee")}</Notice></>;

  function pick(day: string) {
    setDate(day);
    setWeekDate(day);
  }

  function edit(entry: DailyEntryFieldsFragment) {
    setEditing(entry);
    pick(entry.date);
    document.getElementById("daily-form-heading")?.scrollIntoView({ block: "start" });
  }

  function fill(day: string) {
    setEditing(null);
    pick(day);
    const field = document.getElementById("daily-text");
    field?.focus();
    document.getElementById("daily-form-heading")?.scrollIntoView({ block: "start" });
  }

  return (
    <>
      <div className="k-spread">
        <h1>{t("title")}</h1>
        {rates && (
          <Link to="/harian/tinjau" className="k-button" data-testid="daily-review-link">
            {t("review")}
            {waiting > 0 && <span className="k-chip">{t("waiting", { n: waiting })}</span>}
          </Link>
        )}
      </div>
      {/* The quarter's action plans and leave: less often than the day's entry, one tap away. */}
      <nav className="k-daily-links" aria-label={t("more")}>
        <Link to="/harian/rencana-aksi" className="k-button" data-testid="daily-action-link">{t("actionPlans")}</Link>
        <Link to="/harian/cuti" className="k-button" data-testid="daily-leave-link">
          {t("leave")}
          {leaveWaiting > 0 && <span className="k-chip">{t("leaveWaiting", { n: leaveWaiting })}</span>}
        </Link>
      </nav>
      <div className="k-daily">
        <section className="k-card" aria-labelledby="daily-form-heading">
          <h2 id="daily-form-heading">{t("form")}</h2>
          <EntryForm employeeId={me.employee.id} date={date} today={today} onDate={pick} editing={editing}
            onCancelEdit={() => setEditing(null)} onSaved={() => setEditing(null)} />
        </section>
        <Week weekDate={weekDate} today={today} onWeek={setWeekDate} onFill={fill} onEdit={edit} />
      </div>
    </>
  );
}
