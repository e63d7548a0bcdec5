/**
 * A download of a generated document (SKP, evaluation, predicate determination as PDF; the recap
 * as XLSX): a plain same-origin link with `download`, so the browser saves the file under the
 * name the API gives, with the session cookie — no script, no blob. The text says what and which
 * file type ("Unduh SKP (PDF)"); a note (a draft's watermark, say) is shown beside it and read with
 * it. The server decides who may download (404 otherwise); the app only shows the link it was given.
 */
import { useId, type ReactNode } from "react";
import { graphql } from "../gql";
import type { DocumentFieldsFragment } from "../gql/graphql";

graphql(`
  fragment DocumentFields on Document { url filename contentType }
`);

const TYPES: Record<string, string> = {
  "application/pdf": "PDF",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "XLSX",
};

/** "PDF", "XLSX": from the content type, else from the file name's extension. */
function fileType(document: DocumentFieldsFragment): string {
  return TYPES[document.contentType] ?? document.filename.split(".").pop()?.toUpperCase() ?? "";
}

export function DocumentLink({ document, label, subject, note, testId }: {
  document: DocumentFieldsFragment;
  /** What the link does, without the file type: "Unduh SKP". */
  label: string;
  /** Whose document, when several alike share a screen (a table's rows): part of the accessible name. */
  subject?: string;
  /** Shown beside the link and announced with it. */
  note?: ReactNode;
  testId?: string;
}) {
  const noteId = useId();
  const text = `${label} (${fileType(document)})`;
  return (
    <span className="k-doc">
      <a className="k-button k-doc-link" href={document.url} download={document.filename} type={document.contentType}
        aria-label={subject ? `${text}: ${subject}` : undefined} aria-describedby={note ? noteId : undefined}
        data-testid={testId}>
        {text}
      </a>
      {note && <span id={noteId} className="k-doc-note">{note}</span>}
    </span>
  );
}

/** Several document links side by side, wrapping on a phone. */
export function DocumentLinks({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="k-docs" role="group" aria-label={label}>
      {children}
    </div>
  );
}
