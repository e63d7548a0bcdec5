import { Link } from "react-router";
import { defineMessages, useT } from "../i18n";

const text = defineMessages({
  id: { title: "Halaman tidak ditemukan", back: "Kembali ke beranda" },
  en: { title: "Page not found", back: "Back to home" },
});

export function NotFound() {
  const t = useT(text);
  return (
    <section>
      <h1>{t("title")}</h1>
      <p><Link to="/">{t("back")}</Link></p>
    </section>
  );
}
