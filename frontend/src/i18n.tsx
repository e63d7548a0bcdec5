/**
 * Indonesian by default, English by the switch in the header (kept in localStorage: a display
 * preference, never a credential). Each screen keeps its own messages next to its code
 * (`defineMessages`), so screens can change independently; dates and numbers use Intl with the
 * Asia/Jakarta time zone (WIB), whatever the browser's zone.
 */
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from "react";

export type Language = "id" | "en";
const STORAGE_KEY = "kinerja.language";
/** WIB: the zone the app shows times and "today" in, whatever the browser's zone. */
export const TIME_ZONE = "Asia/Jakarta";

export function currentLanguage(): Language {
  return localStorage.getItem(STORAGE_KEY) === "en" ? "en" : "id";
}

type Messages<K extends string> = { id: Record<K, string>; en: Record<K, string> };

/** A screen's messages: the same keys in both languages (the type checker enforces it). */
export function defineMessages<K extends string>(messages: Messages<K>): Messages<K> {
  return messages;
}

interface LanguageState {
  language: Language;
  setLanguage: (language: Language) => void;
}

const LanguageContext = createContext<LanguageState>({ language: "id", setLanguage: () => undefined });

export function LanguageProvider({ children }: { children: ReactNode }) {
  const [language, setState] = useState<Language>(currentLanguage);
  const setLanguage = useCallback((next: Language) => {
    localStorage.setItem(STORAGE_KEY, next);
    document.documentElement.lang = next;
    setState(next);
  }, []);
  document.documentElement.lang = language;
  const value = useMemo(() => ({ language, setLanguage }), [language, setLanguage]);
  return <LanguageContext.Provider value={value}>{children}</LanguageContext.Provider>;
}

export function useLanguage(): LanguageState {
  return useContext(LanguageContext);
}

/** t(key, {name: "…"}) in the current language; `{name}` placeholders are filled in. */
export function useT<K extends string>(messages: Messages<K>) {
  const { language } = useLanguage();
  return useCallback(
    (key: K, values?: Record<string, string | number>) => {
      let text = messages[language][key] ?? messages.id[key] ?? key;
      for (const [name, value] of Object.entries(values ?? {})) text = text.split(`{${name}}`).join(String(value));
      return text;
    },
    [language, messages],
  );
}

export function locale(language: Language): string {
  return language === "id" ? "id-ID" : "en-GB";
}

/** A calendar date ("2026-12-01", GraphQL Date, no time zone) as midnight UTC: format it with
 * timeZone "UTC" and do its arithmetic with the UTC methods, so the browser's zone never shifts it. */
export function dateOf(isoDate: string): Date {
  const [year, month, day] = isoDate.slice(0, 10).split("-").map(Number);
  return new Date(Date.UTC(year, month - 1, day));
}

/** Today in WIB as "YYYY-MM-DD" (en-CA formats dates that way). The server decides with the
 * unit's own zone; a WITA/WIT unit whose day has begun earlier is told so by the server. */
export function todayWib(now: Date = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: TIME_ZONE, year: "numeric", month: "2-digit", day: "2-digit" })
    .format(now);
}

/** "12 Jan 2027 14.30 WIB": a moment in Jakarta time. */
export function formatDateTime(iso: string | null | undefined, language: Language): string {
  if (!iso) return "–";
  const text = new Intl.DateTimeFormat(locale(language), {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: TIME_ZONE,
  }).format(new Date(iso));
  return `${text} WIB`;
}

/** "12 Januari 2027": a calendar date. */
export function formatDate(isoDate: string | null | undefined, language: Language): string {
  if (!isoDate) return "–";
  return new Intl.DateTimeFormat(locale(language), { dateStyle: "long", timeZone: "UTC" }).format(dateOf(isoDate));
}

/** "Selasa, 1 Des": a day of the week at a glance. */
export function formatDay(isoDate: string, language: Language): string {
  return new Intl.DateTimeFormat(locale(language), { weekday: "long", day: "numeric", month: "short", timeZone: "UTC" })
    .format(dateOf(isoDate));
}

/** "30 Nov – 6 Des 2026": the week (Monday to Sunday) starting on `startIso`. */
export function formatWeek(startIso: string, language: Language): string {
  const start = dateOf(startIso);
  const end = new Date(start);
  end.setUTCDate(end.getUTCDate() + 6);
  const short = new Intl.DateTimeFormat(locale(language), { day: "numeric", month: "short", timeZone: "UTC" });
  const long = new Intl.DateTimeFormat(locale(language), { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
  return `${short.format(start)} – ${long.format(end)}`;
}

export function formatNumber(value: number, language: Language, digits = 0): string {
  return new Intl.NumberFormat(locale(language), { maximumFractionDigits: digits }).format(value);
}

/** The shared labels of the domain's enums, so every screen names them the same way. */
export const enumLabels = defineMessages({
  id: {
    DRAFT: "Draf", SUBMITTED: "Diajukan", APPROVED: "Disetujui", RETURNED: "Dikembalikan",
    SELF_ASSESSMENT: "Penilaian mandiri", RATING: "Penilaian atasan", APPROVAL: "Persetujuan", FINAL: "Final",
    READY: "Terbuka", COMPLETED: "Selesai", CANCELLED: "Dibatalkan",
    DI_ATAS_EKSPEKTASI: "Di atas ekspektasi", SESUAI_EKSPEKTASI: "Sesuai ekspektasi", DI_BAWAH_EKSPEKTASI: "Di bawah ekspektasi",
    SANGAT_BAIK: "Sangat Baik", BAIK: "Baik", BUTUH_PERBAIKAN: "Butuh Perbaikan", KURANG: "Kurang", SANGAT_KURANG: "Sangat Kurang",
    KUANTITAS: "Kuantitas", KUALITAS: "Kualitas", WAKTU: "Waktu", BIAYA: "Biaya",
    UTAMA: "Utama", TAMBAHAN: "Tambahan",
    BERORIENTASI_PELAYANAN: "Berorientasi Pelayanan", AKUNTABEL: "Akuntabel", KOMPETEN: "Kompeten",
    HARMONIS: "Harmonis", LOYAL: "Loyal", ADAPTIF: "Adaptif", KOLABORATIF: "Kolaboratif",
    QUARTER: "Triwulan", ANNUAL: "Tahunan", MONTH: "Bulan", SEMESTER: "Semester", ISTIMEWA: "Istimewa",
    PENDING: "Menunggu", RUNNING: "Berjalan", DONE: "Selesai", FAILED: "Gagal", REJECTED: "Ditolak",
    CUTI: "Cuti", DINAS_LUAR: "Dinas luar", SAKIT: "Sakit",
  },
  en: {
    DRAFT: "Draft", SUBMITTED: "Submitted", APPROVED: "Approved", RETURNED: "Returned",
    SELF_ASSESSMENT: "Self-assessment", RATING: "Rating", APPROVAL: "Approval", FINAL: "Final",
    READY: "Open", COMPLETED: "Completed", CANCELLED: "Cancelled",
    DI_ATAS_EKSPEKTASI: "Above expectations", SESUAI_EKSPEKTASI: "Meets expectations", DI_BAWAH_EKSPEKTASI: "Below expectations",
    SANGAT_BAIK: "Very good", BAIK: "Good", BUTUH_PERBAIKAN: "Needs improvement", KURANG: "Poor", SANGAT_KURANG: "Very poor",
    KUANTITAS: "Quantity", KUALITAS: "Quality", WAKTU: "Time", BIAYA: "Cost",
    UTAMA: "Main", TAMBAHAN: "Additional",
    BERORIENTASI_PELAYANAN: "Service-oriented", AKUNTABEL: "Accountable", KOMPETEN: "Competent",
    HARMONIS: "Harmonious", LOYAL: "Loyal", ADAPTIF: "Adaptive", KOLABORATIF: "Collaborative",
    QUARTER: "Quarter", ANNUAL: "Annual", MONTH: "Month", SEMESTER: "Semester", ISTIMEWA: "Outstanding",
    PENDING: "Pending", RUNNING: "Running", DONE: "Done", FAILED: "Failed", REJECTED: "Rejected",
    CUTI: "Leave", DINAS_LUAR: "Official travel", SAKIT: "Sick leave",
  },
});

export function useEnumLabel() {
  const t = useT(enumLabels);
  return (value: string | null | undefined) =>
    value ? (value in enumLabels.id ? t(value as keyof typeof enumLabels.id) : value) : "–";
}

/** "Triwulan 1", "Tahunan": one name for a period on every screen. */
export function usePeriodLabel() {
  const label = useEnumLabel();
  return (period: { kind: string; number: number }) =>
    period.kind === "YEAR" ? label("ANNUAL") : `${label(period.kind)} ${period.number}`;
}
