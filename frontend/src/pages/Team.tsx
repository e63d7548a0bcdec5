/** Placeholder: built next (issue 12). */
export default function Team() {
  return <h1>Team</h1>;
}
