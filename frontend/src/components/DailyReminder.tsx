/**
 * The live reminder of daily progress (dailyReminders, issue 14): at the reminder hour of the
 * unit the server tells whoever has not sent the day's progress (and raters whose staff's entries
 * wait for more than two working days). Shown at the top of every screen until dismissed or
 * followed, in a polite live region (announced, never stealing focus); one notice per kind.
 */
import { useSubscription } from "@apollo/client/react";
import { useState } from "react";
import { Link } from "react-router";
import { graphql } from "../gql";
import type { DailyRemindersSubscription } from "../gql/graphql";
import { defineMessages, formatDay, todayWib, useLanguage, useT } from "../i18n";
import "./DailyReminder.css";

const DAILY_REMINDERS = graphql(`
  subscription DailyReminders {
    dailyReminders { kind date hasDraft entriesWaiting employeesWaiting }
  }
`);

const text = defineMessages({
  id: {
    today: "hari ini",
    notFilled: "Progres harian {day} belum Anda kirim.", draft: "Progres harian {day} tersimpan sebagai draf tetapi belum dikirim kepada atasan.",
    fill: "Isi progres sekarang", send: "Buka dan kirim draf",
    reviews: "{entries} progres dari {people} pegawai menunggu tinjauan Anda lebih dari dua hari kerja.", review: "Tinjau sekarang",
    dismiss: "Tutup pengingat",
  },
  en: {
    today: "today",
    notFilled: "You have not sent your daily progress for {day} yet.", draft: "Your daily progress for {day} is saved as a draft but not sent to your rater yet.",
    fill: "Record progress now", send: "Open and send the draft",
    reviews: "{entries} entries of {people} employees have waited for your review for more than two working days.", review: "Review now",
    dismiss: "Dismiss reminder",
  },
});

type Reminder = DailyRemindersSubscription["dailyReminders"];

export function DailyReminder() {
  const t = useT(text);
  const { language } = useLanguage();
  const [reminders, setReminders] = useState<Reminder[]>([]);
  useSubscription(DAILY_REMINDERS, {
    onData: ({ data }) => {
      const reminder = data.data?.dailyReminders;
      if (reminder) setReminders((shown) => [...shown.filter((r) => r.kind !== reminder.kind), reminder]);
    },
  });

  function dismiss(kind: Reminder["kind"], moveFocus: boolean) {
    setReminders((shown) => shown.filter((r) => r.kind !== kind));
    // The button goes away with the notice: keep the keyboard in the page, not on <body>.
    if (moveFocus) document.getElementById("main")?.focus();
  }

  const day = (iso: string) => (iso === todayWib() ? `${t("today")} (${formatDay(iso, language)})` : formatDay(iso, language));

  return (
    <div aria-live="polite" className="k-reminders">
      {reminders.map((reminder) => {
        const filling = reminder.kind === "NOT_FILLED";
        return (
          <div key={reminder.kind} className="k-alert k-alert-info k-reminder" data-testid="daily-reminder" data-kind={reminder.kind}>
            <p>
              {filling
                ? t(reminder.hasDraft ? "draft" : "notFilled", { day: day(reminder.date) })
                : t("reviews", { entries: reminder.entriesWaiting, people: reminder.employeesWaiting })}
            </p>
            <div className="k-reminder-actions">
              <Link to={filling ? "/harian" : "/harian/tinjau"} className="k-button k-primary" onClick={() => dismiss(reminder.kind, false)}>
                {filling ? t(reminder.hasDraft ? "send" : "fill") : t("review")}
              </Link>
              <button type="button" className="k-button" onClick={() => dismiss(reminder.kind, true)}>{t("dismiss")}</button>
            </div>
          </div>
        );
      })}
    </div>
  );
}
