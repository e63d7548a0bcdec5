/**
 * What the daily-progress screens share (progres harian, R-DAILY): calendar dates as ISO strings
 * ("2026-12-01", GraphQL Date) and their arithmetic, "today" in Jakarta time (WIB) whatever the
 * browser's zone, and the words for a day's state.
 */
import { defineMessages, type Language } from "../../i18n";

const TIME_ZONE = "Asia/Jakarta";

/** Today in WIB as "YYYY-MM-DD" (en-CA formats dates that way). The server decides with the
 * unit's own zone; a WITA/WIT unit whose day has begun earlier is told so by the server. */
export function todayWib(now: Date = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: TIME_ZONE, year: "numeric", month: "2-digit", day: "2-digit" })
    .format(now);
}

function utc(iso: string): Date {
  const [year, month, day] = iso.slice(0, 10).split("-").map(Number);
  return new Date(Date.UTC(year, month - 1, day));
}

export function addDays(iso: string, days: number): string {
  const date = utc(iso);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** The Monday of the week holding `iso` (the server's weeks run Monday–Sunday). */
export function mondayOf(iso: string): string {
  const weekday = (utc(iso).getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  return addDays(iso, -weekday);
}

export function yearOf(iso: string): number {
  return Number(iso.slice(0, 4));
}

function locale(language: Language): string {
  return language === "id" ? "id-ID" : "en-GB";
}

/** "Selasa, 1 Des": a day of the week at a glance. */
export function formatDay(iso: string, language: Language): string {
  return new Intl.DateTimeFormat(locale(language), { weekday: "long", day: "numeric", month: "short", timeZone: "UTC" })
    .format(utc(iso));
}

/** "30 Nov – 6 Des 2026": a week. */
export function formatWeek(startIso: string, language: Language): string {
  const short = new Intl.DateTimeFormat(locale(language), { day: "numeric", month: "short", timeZone: "UTC" });
  const long = new Intl.DateTimeFormat(locale(language), { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
  return `${short.format(utc(startIso))} – ${long.format(utc(addDays(startIso, 6)))}`;
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
