/** Placeholder: built next (issue 12). */
export default function Inbox() {
  return <h1>Inbox</h1>;
}
