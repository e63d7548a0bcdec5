/** Masuk: the session cookie (HttpOnly) is set by the server; nothing is stored by the app. */
import { useMutation } from "@apollo/client/react";
import { useState, type FormEvent } from "react";
import { client, sessionEnded, wsClient } from "../apollo";
import { LanguageSwitch } from "../components/LanguageSwitch";
import { problemOf } from "../errors";
import { graphql } from "../gql";
import { defineMessages, useT } from "../i18n";

const LOGIN = graphql(`
  mutation Login($username: String!, $password: String!) {
    login(username: $username, password: $password) { user { id username } }
  }
`);

const text = defineMessages({
  id: {
    title: "Masuk ke Kinerja",
    lead: "Manajemen kinerja ASN Pemerintah Kabupaten Lebong.",
    username: "Nama pengguna",
    password: "Kata sandi",
    submit: "Masuk",
    busy: "Memeriksa…",
    expired: "Sesi Anda telah berakhir. Silakan masuk lagi.",
  },
  en: {
    title: "Sign in to Kinerja",
    lead: "Performance management for the civil servants of Lebong Regency.",
    username: "Username",
    password: "Password",
    submit: "Sign in",
    busy: "Checking…",
    expired: "Your session has ended. Please sign in again.",
  },
});

export function Login({ expired = false }: { expired?: boolean }) {
  const t = useT(text);
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const [login, { loading }] = useMutation(LOGIN);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setProblem(null);
    try {
      await login({ variables: { username: username.trim(), password } });
    } catch (error) {
      setProblem(problemOf(error).message);
      setPassword("");
      return;
    }
    // The WebSocket reconnects with the new session; every query runs again as this user.
    wsClient.terminate();
    sessionEnded(false);
    await client.resetStore().catch(() => undefined); // each screen shows its own errors
  }

  return (
    <main className="k-login" id="main">
      <div className="k-login-card">
        <div className="k-login-top">
          <h1>{t("title")}</h1>
          <LanguageSwitch />
        </div>
        <p className="k-muted">{t("lead")}</p>
        {expired && !problem && <div className="k-alert k-alert-info" role="status">{t("expired")}</div>}
        {problem && (
          <div className="k-alert k-alert-error" role="alert">
            {problem}
          </div>
        )}
        <form onSubmit={submit} noValidate>
          <label htmlFor="login-username">{t("username")}</label>
          <input id="login-username" name="username" autoComplete="username" required value={username}
            onChange={(e) => setUsername(e.target.value)} />
          <label htmlFor="login-password">{t("password")}</label>
          <input id="login-password" name="password" type="password" autoComplete="current-password" required
            value={password} onChange={(e) => setPassword(e.target.value)} />
          <button type="submit" className="k-button k-primary" disabled={loading || !username || !password}>
            {loading ? t("busy") : t("submit")}
          </button>
        </form>
      </div>
    </main>
  );
}
