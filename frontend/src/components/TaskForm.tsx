/**
 * A task's form, drawn from its JSON Schema with react-jsonschema-form (loaded lazily by the task
 * page: not in the first-load bundle).
 *
 * The validator is @cfworker/json-schema, not RJSF's AJV one: AJV compiles schemas with
 * `new Function`, which the app's Content Security Policy (no 'unsafe-eval') refuses. The server
 * checks the schema again on completion and its field errors land on the fields (`extraErrors`).
 */
import { Validator, type Schema as JsonSchema } from "@cfworker/json-schema";
import Form from "@rjsf/core";
import {
  englishStringTranslator,
  toErrorSchema,
  type ErrorSchema,
  type RJSFSchema,
  type RJSFValidationError,
  type TranslatableString,
  type UiSchema,
  type ValidatorType,
} from "@rjsf/utils";
import { useMemo, type FormEvent } from "react";
import { defineMessages, useLanguage, useT, type Language } from "../i18n";

type Json = unknown;
type Schema = Record<string, unknown>;

const text = defineMessages({
  id: {
    save: "Simpan draf", complete: "Selesaikan", busy: "Mengirim…",
    required: "wajib diisi", minLength: "minimal {n} karakter", maxLength: "maksimal {n} karakter",
    pattern: "format tidak sesuai", enum: "pilih salah satu pilihan", type: "isian tidak sesuai",
    minimum: "minimal {n}", maximum: "maksimal {n}", minItems: "minimal {n} butir", maxItems: "paling banyak {n} butir",
    APPROVE: "Setujui", REVISE: "Kembalikan untuk perbaikan", SUBMIT: "Ajukan",
    add: "Tambah", remove: "Hapus", up: "Naikkan", down: "Turunkan",
  },
  en: {
    save: "Save draft", complete: "Complete", busy: "Sending…",
    required: "is required", minLength: "at least {n} characters", maxLength: "at most {n} characters",
    pattern: "does not match the format", enum: "choose one of the options", type: "has the wrong type",
    minimum: "at least {n}", maximum: "at most {n}", minItems: "at least {n} items", maxItems: "at most {n} items",
    APPROVE: "Approve", REVISE: "Send back for revision", SUBMIT: "Submit",
    add: "Add", remove: "Remove", up: "Move up", down: "Move down",
  },
});

type Say = (key: keyof typeof text.id, values?: Record<string, string | number>) => string;

const LEAF_KEYWORDS = new Set(["type", "enum", "const", "required", "minLength", "maxLength", "pattern", "minimum",
  "maximum", "minItems", "maxItems", "anyOf", "oneOf", "false"]);

/** The value at a JSON pointer ("#/then/properties/notes/minLength") of the schema. */
function at(schema: Schema, pointer: string): unknown {
  return pointer.replace(/^#\/?/, "").split("/").filter(Boolean)
    .map((part) => decodeURIComponent(part).replace(/~1/g, "/").replace(/~0/g, "~"))
    .reduce<unknown>((node, part) => (node && typeof node === "object" ? (node as Record<string, unknown>)[part] : undefined), schema);
}

/**
 * The errors of `value` against `schema` (@cfworker/json-schema: it interprets schemas instead of
 * compiling them to code, so it runs under the app's Content Security Policy, which refuses the
 * `new Function` AJV needs), in the user's language, with RJSF's dotted paths (".notes").
 */
function check(schema: Schema, value: Json, say: Say): RJSFValidationError[] {
  const result = new Validator(schema as JsonSchema, "7", false).validate(value);
  const errors: RJSFValidationError[] = [];
  const seen = new Set<string>();
  for (const error of result.errors) {
    if (!LEAF_KEYWORDS.has(error.keyword)) continue; // "properties", "then" …: the leaf says it better
    let property = error.instanceLocation.replace(/^#/, "").split("/").filter(Boolean)
      .map((part) => `.${decodeURIComponent(part)}`).join("");
    if (error.keyword === "required") property += `.${/"([^"]+)"/.exec(error.error)?.[1] ?? ""}`;
    // const, anyOf, oneOf: "choose one of the options"; a false schema: "has the wrong type".
    const key = (error.keyword in text.id ? error.keyword : error.keyword === "false" ? "type" : "enum") as keyof typeof text.id;
    const limit = at(schema, error.keywordLocation);
    const message = say(key, { n: typeof limit === "number" ? limit : "" });
    if (seen.has(property + message)) continue;
    seen.add(property + message);
    errors.push({ name: error.keyword, property, message, stack: `${property} ${message}`.trim(), params: {},
      schemaPath: error.keywordLocation });
  }
  return errors;
}

function createValidator(say: Say): ValidatorType {
  return {
    validateFormData(formData, schema, _customValidate, transformErrors, uiSchema) {
      let errors = check(schema as Schema, formData ?? {}, say);
      if (transformErrors) errors = transformErrors(errors, uiSchema);
      return { errors, errorSchema: toErrorSchema(errors) };
    },
    isValid(schema, formData) {
      return check(schema as Schema, formData, say).length === 0;
    },
    rawValidation(schema, formData) {
      return { errors: check(schema as Schema, formData, say) as never[] };
    },
  };
}

/** Readable labels for enum values the schema leaves bare; long texts as text areas. */
function withDefaults(schema: Schema, uiSchema: UiSchema | null | undefined, say: Say): UiSchema {
  const ui: UiSchema = { ...(uiSchema ?? {}) };
  const properties = (schema.properties ?? {}) as Record<string, Schema>;
  for (const [name, sub] of Object.entries(properties)) {
    const own = { ...((ui[name] as UiSchema | undefined) ?? {}) };
    if (Array.isArray(sub.enum) && !own["ui:enumNames"] && !sub.oneOf) {
      own["ui:enumNames"] = sub.enum.map((value) =>
        typeof value === "string" && value in text.id ? say(value as keyof typeof text.id) : String(value));
    }
    if (sub.type === "string" && !sub.enum && !own["ui:widget"] && (typeof sub.maxLength !== "number" || sub.maxLength > 255)) {
      own["ui:widget"] = "textarea";
    }
    if (sub.type === "object") Object.assign(own, withDefaults(sub, own, say));
    if (sub.type === "array" && sub.items && typeof sub.items === "object") {
      own.items = withDefaults(sub.items as Schema, (own.items as UiSchema | undefined) ?? {}, say);
    }
    ui[name] = own;
  }
  return ui;
}

/** Server field errors ("items.0.need": "…") as RJSF's error schema. */
function fieldErrors(fields: Record<string, string>): ErrorSchema {
  return toErrorSchema(Object.entries(fields).map(([name, message]) => ({
    property: `.${name}`, message, stack: `${name} ${message}`,
  })));
}

interface Props {
  schema: Schema;
  uiSchema?: UiSchema | null;
  formData: Record<string, unknown>;
  onChange: (data: Record<string, unknown>) => void;
  /** The server's field errors (BAD_USER_INPUT extensions.fields), shown on their fields. */
  serverFields?: Record<string, string>;
  readonly?: boolean;
  busy?: boolean;
  onComplete?: (data: Record<string, unknown>) => void;
  onSaveDraft?: (data: Record<string, unknown>) => void;
}

function translator(language: Language, say: Say) {
  const words: Record<string, string> = {
    Add: say("add"), "Add Item": say("add"), Remove: say("remove"), "Move up": say("up"), "Move down": say("down"),
  };
  return (key: TranslatableString, params?: string[]) =>
    language === "id" && words[key] ? words[key] : language === "en" && words[key] ? words[key] : englishStringTranslator(key, params);
}

export default function TaskForm({ schema, uiSchema, formData, onChange, serverFields, readonly, busy, onComplete, onSaveDraft }: Props) {
  const say = useT(text) as Say;
  const { language } = useLanguage();
  const validator = useMemo(() => createValidator(say), [say]);
  const ui = useMemo(() => withDefaults(schema, uiSchema, say), [schema, uiSchema, say]);
  const translate = useMemo(() => translator(language, say), [language, say]);
  const extraErrors = useMemo<ErrorSchema | undefined>(
    () => (serverFields && Object.keys(serverFields).length ? fieldErrors(serverFields) : undefined), [serverFields]);
  return (
    <Form
      schema={schema as RJSFSchema}
      uiSchema={ui}
      formData={formData}
      validator={validator}
      readonly={readonly}
      noHtml5Validate
      showErrorList={false}
      extraErrors={extraErrors}
      translateString={translate}
      onChange={(event) => onChange((event.formData ?? {}) as Record<string, unknown>)}
      onSubmit={(event, e?: FormEvent) => {
        e?.preventDefault();
        onComplete?.((event.formData ?? {}) as Record<string, unknown>);
      }}
    >
      {readonly ? <></> : (
        <div className="k-row k-task-buttons">
          <button type="button" className="k-button" disabled={busy} onClick={() => onSaveDraft?.(formData)}>
            {say("save")}
          </button>
          <button type="submit" className="k-button k-primary" disabled={busy}>
            {busy ? say("busy") : say("complete")}
          </button>
        </div>
      )}
    </Form>
  );
}
