/**
 * What the daily-progress screens share (progres harian, R-DAILY): the arithmetic of calendar
 * dates as ISO strings ("2026-12-01", GraphQL Date; their formatting and "today" in WIB are in
 * i18n.tsx), and the words for an entry's lateness.
 */
import { dateOf, defineMessages } from "../../i18n";

export function addDays(iso: string, days: number): string {
  const date = dateOf(iso);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** The Monday of the week holding `iso` (the server's weeks run Monday–Sunday). */
export function mondayOf(iso: string): string {
  const weekday = (dateOf(iso).getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  return addDays(iso, -weekday);
}

export function yearOf(iso: string): number {
  return Number(iso.slice(0, 4));
}

/** Words for a day's and an entry's lateness, shared by the week and the review. */
export const dailyText = defineMessages({
  id: {
    late: "terlambat {n} hari kerja", lateOne: "terlambat 1 hari kerja", onTime: "tepat waktu",
    minutes: "{n} menit", evidence: "Bukti", returnNote: "Catatan atasan",
  },
  en: {
    late: "{n} working days late", lateOne: "1 working day late", onTime: "on time",
    minutes: "{n} minutes", evidence: "Evidence", returnNote: "Rater's note",
  },
});

export function lateKey(days: number): { key: "late" | "lateOne"; values: { n: number } } {
  return { key: days === 1 ? "lateOne" : "late", values: { n: days } };
}
