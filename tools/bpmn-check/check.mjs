// Checks a BPMN 2.0 file the way bpmn.io reads it: usage `node check.mjs FILE.bpmn`.
//
// The schema (BPMN20.xsd) says a file is well formed; it does not say bpmn.io and Camunda Modeler
// will draw it. They parse with bpmn-moddle, which warns about what it cannot read (unknown
// elements or attributes, references to ids that do not exist) and drops it; then bpmn-js draws
// only the elements that have diagram interchange (a BPMNShape or BPMNEdge pointing at them):
// anything without one is silently left off the canvas. So this script
//   1. parses the file with bpmn-moddle's fromXML and collects its warnings;
//   2. counts participants, lanes, tasks, sequence flows, text annotations, associations, groups,
//      and lists the lane names as parsed (so escaping can be checked);
//   3. lists the elements bpmn-js would walk (participants, lanes, flow nodes, flows, artifacts)
//      that have no DI in the first diagram, DI pointing at nothing, and duplicate DI;
//   4. lists the tasks whose shape is not inside the shape of the lane that holds them.
// It prints a JSON summary to stdout and exits 0 when all is clean, 1 otherwise (2 if unreadable).

import { readFile } from 'node:fs/promises';
import { BpmnModdle } from 'bpmn-moddle';

const LIST_AT_MOST = 50; // long lists are cut to this many ids (the counts stay exact)

const file = process.argv[2];
if (!file) {
  console.error('usage: node check.mjs FILE.bpmn');
  process.exit(2);
}

let parsed;
try {
  parsed = await BpmnModdle().fromXML(await readFile(file, 'utf8'));
} catch (err) {
  console.log(JSON.stringify({ file, error: err.message, warnings: (err.warnings || []).map(w => w.message) }, null, 2));
  process.exit(2);
}
const { rootElement: definitions, warnings } = parsed;

// Everything bpmn-js draws, walked as its BpmnTreeWalker does.
const drawn = [];
const lanes = [];
function walkLanes(laneSets) {
  for (const laneSet of laneSets || []) {
    for (const lane of laneSet.lanes || []) {
      drawn.push(lane);
      lanes.push(lane);
      walkLanes(lane.childLaneSet ? [ lane.childLaneSet ] : []);
    }
  }
}
function walkContainer(container) {
  for (const el of container.flowElements || []) {
    if (el.$instanceOf('bpmn:DataObject')) continue; // drawn through its references
    drawn.push(el);
    if (el.$instanceOf('bpmn:SubProcess')) walkContainer(el);
  }
  walkLanes(container.laneSets);
  drawn.push(...(container.artifacts || []));
}
for (const root of definitions.rootElements || []) {
  if (root.$instanceOf('bpmn:Collaboration')) {
    drawn.push(...(root.participants || []), ...(root.messageFlows || []), ...(root.artifacts || []));
  } else if (root.$instanceOf('bpmn:Process')) {
    walkContainer(root);
  }
}

// The diagram interchange of the first diagram (the one bpmn-js shows).
const plane = definitions.diagrams?.[0]?.plane;
const diOf = new Map();
const diWithoutElement = [];
const duplicateDi = [];
for (const di of plane?.planeElement || []) {
  if (!di.bpmnElement) diWithoutElement.push(di.id);
  else if (diOf.has(di.bpmnElement.id)) duplicateDi.push(di.bpmnElement.id);
  else diOf.set(di.bpmnElement.id, di);
}
const missingDi = drawn.filter(el => !diOf.has(el.id)).map(el => `${el.$type} ${el.id}`);

// A task should sit inside the lane that lists it (its owner's lane).
function inside(inner, outer) {
  return inner.x >= outer.x && inner.y >= outer.y &&
    inner.x + inner.width <= outer.x + outer.width && inner.y + inner.height <= outer.y + outer.height;
}
const tasksOutsideTheirLane = [];
for (const lane of lanes) {
  const laneBounds = diOf.get(lane.id)?.bounds;
  for (const node of lane.flowNodeRef || []) {
    const bounds = diOf.get(node.id)?.bounds;
    if (laneBounds && bounds && !inside(bounds, laneBounds)) tasksOutsideTheirLane.push(node.id);
  }
}

const count = type => drawn.filter(el => el.$instanceOf(type)).length;
const list = ids => (ids.length > LIST_AT_MOST ? [ ...ids.slice(0, LIST_AT_MOST), `… ${ids.length - LIST_AT_MOST} more` ] : ids);
const problems = warnings.length + missingDi.length + diWithoutElement.length + duplicateDi.length +
  tasksOutsideTheirLane.length + (plane?.bpmnElement ? 0 : 1);

console.log(JSON.stringify({
  file,
  ok: problems === 0,
  warnings: list(warnings.map(w => w.message)),
  counts: {
    participants: count('bpmn:Participant'),
    lanes: lanes.length,
    tasks: count('bpmn:Task'),
    sequenceFlows: count('bpmn:SequenceFlow'),
    textAnnotations: count('bpmn:TextAnnotation'),
    associations: count('bpmn:Association'),
    groups: count('bpmn:Group'),
    shapes: (plane?.planeElement || []).filter(di => di.$instanceOf('bpmndi:BPMNShape')).length,
    edges: (plane?.planeElement || []).filter(di => di.$instanceOf('bpmndi:BPMNEdge')).length,
  },
  laneNames: list(lanes.map(lane => lane.name)),
  planeElement: plane?.bpmnElement ? `${plane.bpmnElement.$type} ${plane.bpmnElement.id}` : null,
  missingDi: list(missingDi),
  diWithoutElement: list(diWithoutElement),
  duplicateDi: list(duplicateDi),
  tasksOutsideTheirLane: list(tasksOutsideTheirLane),
}, null, 2));
process.exit(problems === 0 ? 0 : 1);
