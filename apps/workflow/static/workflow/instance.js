/* The instance viewer: the instance's diagram with what it has done and where it waits now,
 * beside its open tasks and its audit history (the page carries the data; see views.py). */
(function () {
  'use strict';

  const K = window.Kinerja;
  const cfg = K.config();
  const S = cfg.strings;
  const instance = cfg.instance;
  const when = (value) => (value ? new Date(value).toLocaleString(document.documentElement.lang || 'id') : '—');

  function highlight(viewer) {
    const canvas = viewer.get('canvas');
    const registry = viewer.get('elementRegistry');
    const done = new Set(instance.completedElements);
    const active = new Set(instance.activeElements);
    done.forEach((id) => registry.get(id) && canvas.addMarker(id, 'k-done'));
    active.forEach((id) => registry.get(id) && canvas.addMarker(id, 'k-active'));
    // A flow was taken when both its ends were reached (the target done or waiting now).
    registry.filter((e) => e.type === 'bpmn:SequenceFlow').forEach((flow) => {
      const bo = flow.businessObject;
      if (done.has(bo.sourceRef.id) && (done.has(bo.targetRef.id) || active.has(bo.targetRef.id))) {
        canvas.addMarker(flow.id, 'k-done');
      }
    });
  }

  function sidePanel() {
    const rows = [[S.process, `${instance.process} (${instance.key} v${instance.version})`],
      [S.employee, instance.subject], [S.status, instance.status],
      [S.started, when(instance.startedAt)], [S.ended, when(instance.endedAt)]];
    document.getElementById('k-summary').replaceChildren(...rows.flatMap(([term, value]) =>
      [K.el('dt', {}, term), K.el('dd', {}, value)]));
    const open = instance.openTasks.map((task) => K.el('li', { 'data-bpmn-id': task.bpmnId },
      K.el('strong', {}, task.name), ` — ${task.lane}: `, task.assignee || S.unassigned,
      task.dueAt ? ` (${K.format(S.due, { date: when(task.dueAt) })})` : ''));
    document.getElementById('k-active').replaceChildren(...(open.length ? open : [K.el('li', {}, S.none)]));
    document.getElementById('k-history').replaceChildren(...instance.history.map((event) => K.el('li',
      { 'data-kind': event.kind, 'data-bpmn-id': event.bpmnId || '' },
      K.el('time', { datetime: event.at }, when(event.at)), ' ', K.el('strong', {}, S.events[event.kind] || event.kind),
      event.task ? ` ${event.task}` : '', event.outcome ? ` → ${event.outcome}` : '',
      ' · ', event.actor || S.system)));
  }

  async function start() {
    sidePanel();
    const viewer = new window.BpmnJS({ container: '#k-canvas' });
    await viewer.importXML(instance.diagramXml);
    viewer.get('canvas').zoom('fit-viewport', 'auto');
    highlight(viewer);
    document.body.dataset.ready = 'true';
  }

  document.addEventListener('DOMContentLoaded', () => start().catch((exc) => {
    K.status(K.format(S.error, { message: exc.message }), 'error');
    document.body.dataset.ready = 'error';
  }));
})();
