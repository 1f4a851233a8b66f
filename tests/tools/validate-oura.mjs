// Validates JSON instances against schemas of Oura's OpenAPI description with a real JSON-schema validator.
//   node validate-oura.mjs <openapi.json> <instances.json> [--no-extra-members]
// instances.json: [{ "schema": "MultiDocumentResponse_PublicDailySleep_", "instance": {...}, "label": "optional" }, ...]
//   or, instead of "schema", "operation": { "path": "/v2/usercollection/sleep", "method": "get", "status": "200" }
//   to validate against that operation's documented response schema. A list route documents anyOf[typed envelope,
//   *Dict envelope], and the Dict side accepts any object: the typed side is checked unless the operation says
//   "projected": true (an answer to a `fields` request, which is the Dict side).
// --no-extra-members: treat members the spec does not declare as errors (the spec itself allows them), so a
// misspelt or invented member in the fake's output is caught.
// Prints every error and exits 1 when any instance fails, 2 on bad usage.
import { readFileSync } from "node:fs";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

const args = process.argv.slice(2);
const noExtraMembers = args.includes("--no-extra-members");
const [specPath, instancesPath] = args.filter((a) => !a.startsWith("--"));
if (!specPath || !instancesPath) {
  console.error("usage: node validate-oura.mjs <openapi.json> <instances.json> [--no-extra-members]");
  process.exit(2);
}

const spec = JSON.parse(readFileSync(specPath, "utf8"));
const instances = JSON.parse(readFileSync(instancesPath, "utf8"));
const schemas = structuredClone(spec.components.schemas);

if (noExtraMembers) {
  for (const schema of Object.values(schemas)) {
    if (schema.type === "object" && schema.properties && schema.additionalProperties === undefined) {
      schema.additionalProperties = false;
    }
  }
}

const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
// The spec's WebhookSubscriptionModel.id uses a format of its own.
ajv.addFormat("uuid4", /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i);
// Schemas refer to each other as "#/components/schemas/X": register the whole document under one id.
ajv.addSchema({ $id: "oura", components: { schemas } });

let failures = 0;
// The response schema an operation documents, with its local references pointed at the registered document.
function responseValidator(operation) {
  const documented = spec.paths?.[operation?.path]?.[operation?.method]?.responses?.[operation?.status]?.content?.["application/json"]?.schema;
  if (!documented) return undefined;
  const isDict = (alternative) => alternative.$ref?.endsWith("Dict");
  const chosen = documented.anyOf && !operation.projected
    ? { anyOf: documented.anyOf.filter((alternative) => !isDict(alternative)) }
    : documented;
  const rebased = JSON.parse(JSON.stringify(chosen).replaceAll('"#/components/schemas/', '"oura#/components/schemas/'));
  return ajv.compile(rebased);
}

for (const [index, { schema, operation, instance, label }] of instances.entries()) {
  const name = label ?? `#${index} ${schema ?? JSON.stringify(operation)}`;
  const validate = schema ? ajv.getSchema(`oura#/components/schemas/${schema}`) : responseValidator(operation);
  if (!validate) {
    console.error(`${name}: no schema for ${schema ?? JSON.stringify(operation)} in ${specPath}`);
    failures++;
    continue;
  }
  if (validate(instance)) continue;
  failures++;
  for (const error of validate.errors.slice(0, 20)) {
    console.error(`${name}: ${error.instancePath || "/"} ${error.message} ${JSON.stringify(error.params)}`);
  }
  if (validate.errors.length > 20) console.error(`${name}: ... ${validate.errors.length - 20} more errors`);
}

console.log(`${instances.length - failures} valid, ${failures} invalid`);
process.exit(failures === 0 ? 0 : 1);
