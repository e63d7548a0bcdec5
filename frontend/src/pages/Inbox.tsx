/**
 * Tugas: my open tasks and those I may claim (or, by the state filter, the completed and cancelled
 * tasks I may see), 20 a page by cursor, filters kept in the address so a reload keeps them.
 * The list is an active query: the layout's task subscription refetches it when a task arrives.
 */
import { useMutation, useQuery } from "@apollo/client/react";
import { useState } from "react";
import { Link, useSearchParams } from "react-router";
import { Loading, ProblemBox } from "../components/Status";
import { graphql } from "../gql";
import type { TaskState } from "../gql/graphql";
import { defineMessages, formatDateTime, useEnumLabel, useLanguage, useT } from "../i18n";
import { useMe } from "../session";
import "./Inbox.css";

const PAGE_SIZES = [20, 50, 100];

const TASKS = graphql(`
  query InboxTasks($filter: TaskFilter, $first: Int, $after: String, $last: Int, $before: String) {
    tasks(filter: $filter, first: $first, after: $after, last: $last, before: $before) {
      totalCount
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      edges {
        node {
          id name state dueAt createdAt
          assignee { id name }
          candidates { id }
          processInstance { id key definition { id name } subject { id name } }
        }
      }
    }
  }
`);

const PROCESSES = graphql(`
  query InboxProcesses {
    processDefinitions { id key name status }
  }
`);

const CLAIM = graphql(`
  mutation InboxClaim($id: ID!) { claimTask(id: $id) { id assignee { id name } } }
`);

const UNCLAIM = graphql(`
  mutation InboxUnclaim($id: ID!) { unclaimTask(id: $id) { id assignee { id name } } }
`);

const text = defineMessages({
  id: {
    title: "Tugas", filters: "Saring", process: "Proses", allProcesses: "Semua proses", state: "Status",
    due: "Jatuh tempo sampai", apply: "Terapkan", reset: "Hapus saringan", name: "Tugas", subject: "Pegawai",
    assignee: "Dikerjakan oleh", claimable: "Bisa diambil", claim: "Ambil", unclaim: "Lepaskan",
    next: "Berikutnya", previous: "Sebelumnya", empty: "Tidak ada tugas yang cocok.", overdue: "terlambat",
    count: "{n} tugas",
    claimed: "Tugas \"{name}\" sekarang milik Anda.", unclaimed: "Tugas \"{name}\" dikembalikan ke kelompok.",
    actions: "Tindakan", mine: "Terbuka (milik saya dan bisa diambil)",
  },
  en: {
    title: "Tasks", filters: "Filter", process: "Process", allProcesses: "All processes", state: "Status",
    due: "Due up to", apply: "Apply", reset: "Clear filters", name: "Task", subject: "Employee",
    assignee: "Assigned to", claimable: "Claimable", claim: "Claim", unclaim: "Give back",
    next: "Next", previous: "Previous", empty: "No matching task.", overdue: "overdue",
    count: "{n} tasks",
    claimed: "Task \"{name}\" is now yours.", unclaimed: "Task \"{name}\" was given back to the group.",
    actions: "Actions", mine: "Open (mine and claimable)",
  },
});

const STATES: TaskState[] = ["READY", "COMPLETED", "CANCELLED"];

export default function Inbox() {
  const t = useT(text);
  const label = useEnumLabel();
  const { language } = useLanguage();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const state = (STATES.includes(params.get("status") as TaskState) ? params.get("status") : "READY") as TaskState;
  const process = params.get("proses") ?? "";
  const due = params.get("tempo") ?? "";
  const after = params.get("after");
  const before = params.get("before");
  const [message, setMessage] = useState<string | null>(null);
  const [failure, setFailure] = useState<unknown>(null);

  const pageSize = PAGE_SIZES.includes(Number(params.get("n"))) ? Number(params.get("n")) : PAGE_SIZES[0];
  const filter = {
    ...(state === "READY" ? { mine: true } : { state }),
    ...(process ? { processKey: process } : {}),
    ...(due ? { dueBefore: `${due}T23:59:59+07:00` } : {}),
  };
  const page = before ? { last: pageSize, before } : { first: pageSize, after };
  const { data, error, loading } = useQuery(TASKS, { variables: { filter, ...page }, fetchPolicy: "cache-and-network" });
  const processes = useQuery(PROCESSES);
  const [claim, claiming] = useMutation(CLAIM);
  const [unclaim, unclaiming] = useMutation(UNCLAIM);

  const keys = new Map<string, string>();
  for (const d of processes.data?.processDefinitions ?? []) if (!keys.has(d.key)) keys.set(d.key, d.name);
  const rows = (data?.tasks.edges ?? []).map((e) => e.node);
  const pageInfo = data?.tasks.pageInfo;
  const showPrevious = Boolean(after) || (Boolean(before) && Boolean(pageInfo?.hasPreviousPage));
  const showNext = Boolean(before) || Boolean(pageInfo?.hasNextPage);

  function update(changes: Record<string, string | null>) {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setParams(next);
  }

  async function act(kind: "claim" | "unclaim", id: string, name: string) {
    setMessage(null);
    setFailure(null);
    try {
      if (kind === "claim") await claim({ variables: { id } });
      else await unclaim({ variables: { id } });
      setMessage(t(kind === "claim" ? "claimed" : "unclaimed", { name }));
    } catch (e) {
      setFailure(e);
    }
  }

  const now = new Date();
  const myId = me.employee?.id;

  return (
    <>
      <h1>{t("title")}</h1>
      <form className="k-card k-inbox-filters" aria-label={t("filters")} onSubmit={(e) => e.preventDefault()}>
        <div>
          <label htmlFor="inbox-state">{t("state")}</label>
          <select id="inbox-state" value={state} onChange={(e) => update({ status: e.target.value === "READY" ? null : e.target.value, after: null, before: null })}>
            {STATES.map((s) => <option key={s} value={s}>{s === "READY" ? t("mine") : label(s)}</option>)}
          </select>
        </div>
        <div>
          <label htmlFor="inbox-process">{t("process")}</label>
          <select id="inbox-process" value={process} onChange={(e) => update({ proses: e.target.value || null })}>
            <option value="">{t("allProcesses")}</option>
            {[...keys.entries()].map(([key, name]) => <option key={key} value={key}>{name || key}</option>)}
          </select>
        </div>
        <div>
          <label htmlFor="inbox-due">{t("due")}</label>
          <input id="inbox-due" type="date" value={due} onChange={(e) => update({ tempo: e.target.value || null, after: null, before: null })} />
        </div>
        <div className="k-inbox-reset">
          <button type="button" className="k-button" onClick={() => setParams(new URLSearchParams())}>{t("reset")}</button>
        </div>
      </form>

      {message && <div className="k-alert k-alert-success" role="status">{message}</div>}
      {failure ? <ProblemBox error={failure} /> : null}
      {error && <ProblemBox error={error} />}
      {loading && !data ? <Loading /> : null}

      {data && (
        <>
          <p className="k-muted" data-testid="inbox-count">
            {t("count", { n: data.tasks.totalCount })}
          </p>
          {rows.length === 0 ? <p>{t("empty")}</p> : (
            <div className="k-table-wrap" role="region" tabIndex={0} aria-label={t("title")}>
              <table className="k-inbox-table">
                <thead>
                  <tr>
                    <th scope="col">{t("name")}</th>
                    <th scope="col">{t("subject")}</th>
                    <th scope="col">{t("process")}</th>
                    <th scope="col">{t("due")}</th>
                    <th scope="col">{t("assignee")}</th>
                    {state === "READY" && <th scope="col">{t("actions")}</th>}
                  </tr>
                </thead>
                <tbody>
                  {rows.map((task) => {
                    const overdue = task.state === "READY" && task.dueAt && new Date(task.dueAt) < now;
                    const mine = Boolean(myId && task.assignee?.id === myId);
                    const claimable = !task.assignee && task.state === "READY";
                    return (
                      <tr key={task.id} data-testid="task-row" data-task-id={task.id}>
                        <th scope="row"><Link to={`/tugas/${task.id}`}>{task.name}</Link></th>
                        <td>{task.processInstance.subject.name}</td>
                        <td>{task.processInstance.definition.name || task.processInstance.key}</td>
                        <td className={overdue ? "k-overdue" : undefined}>
                          {formatDateTime(task.dueAt, language)}{overdue ? ` (${t("overdue")})` : ""}
                        </td>
                        <td>{task.assignee?.name ?? <em>{t("claimable")}</em>}</td>
                        {state === "READY" && (
                          <td>
                            {claimable && (
                              <button type="button" className="k-button" disabled={claiming.loading}
                                onClick={() => void act("claim", task.id, task.name)}>
                                {t("claim")}<span className="k-sr-only"> {task.name}, {task.processInstance.subject.name}</span>
                              </button>
                            )}
                            {mine && task.candidates.length > 0 && (
                              <button type="button" className="k-button" disabled={unclaiming.loading}
                                onClick={() => void act("unclaim", task.id, task.name)}>
                                {t("unclaim")}<span className="k-sr-only"> {task.name}, {task.processInstance.subject.name}</span>
                              </button>
                            )}
                          </td>
                        )}
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )}
          {(showPrevious || showNext) && (
            <nav className="k-row k-inbox-pages" aria-label={t("title")}>
              {showPrevious && (
                <button type="button" className="k-button"
                  onClick={() => update({ before: pageInfo?.startCursor ?? null, after: null })}>{t("previous")}</button>
              )}
              {showNext && (
                <button type="button" className="k-button"
                  onClick={() => update({ after: pageInfo?.endCursor ?? null, before: null })}>{t("next")}</button>
              )}
            </nav>
          )}
        </>
      )}
    </>
  );
}
