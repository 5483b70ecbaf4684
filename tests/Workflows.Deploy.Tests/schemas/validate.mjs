// Reads Kubernetes objects as YAML on stdin (the output of `kubectl kustomize`) and validates each against its
// schema: the Kubernetes API's (kubernetes-models) or KEDA's CRDs (@kubernetes-models/keda). Prints one line per
// object, "valid Kind/name" or "invalid Kind/name: <errors>"; exits 1 when any object is invalid or has no schema.
import { parseAllDocuments } from 'yaml';

// Custom resources: the API group to the package holding its models. Everything else is the Kubernetes API.
const crdPackages = { 'keda.sh': '@kubernetes-models/keda', 'eventing.keda.sh': '@kubernetes-models/keda' };

async function modelOf(apiVersion, kind) {
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
  const path = crdPackages[group]
    ? `${crdPackages[group]}/${group}/${version}`
    : `kubernetes-models/${group ? `${group}/` : ''}${version}`;
  try {
    return (await import(path))[kind];
  } catch {
    return undefined;
  }
}

let text = '';
for await (const chunk of process.stdin) text += chunk;

let failed = false;
for (const document of parseAllDocuments(text)) {
  if (document.errors.length > 0) {
    console.log(`invalid YAML: ${document.errors.map(e => e.message).join('; ')}`);
    failed = true;
    continue;
  }
  const object = document.toJS();
  if (object === null) continue;
  const name = `${object.kind}/${object.metadata?.name ?? '?'}`;
  const Model = object.apiVersion && object.kind ? await modelOf(object.apiVersion, object.kind) : undefined;
  if (!Model) {
    console.log(`invalid ${name}: no schema for apiVersion ${object.apiVersion} kind ${object.kind}`);
    failed = true;
    continue;
  }
  try {
    new Model(object).validate();
    console.log(`valid ${name}`);
  } catch (e) {
    console.log(`invalid ${name}: ${e.message}`);
    failed = true;
  }
}
process.exit(failed ? 1 : 0);
