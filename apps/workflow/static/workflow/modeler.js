/* The process modeler: bpmn-js plus a side panel for what Kinerja reads from a process —
 * task names, lanes and who works in them, forms (JSON Schema), completion handlers,
 * instructions, conditions — so that administrators never edit XML by hand.
 * Check / save / publish go through GraphQL; problems are drawn on their elements. */
(function () {
  'use strict';

  const K = window.Kinerja;
  const cfg = K.config();
  const S = cfg.strings;
  const SPIFF = 'http://spiffworkflow.org/bpmn/schema/1.0/core';
  const editable = !cfg.readOnly;
  const FLOW_NODE = /^bpmn:(.*Task|.*Event|.*Gateway|SubProcess|CallActivity)$/;

  const NEW_PROCESS = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:spiffworkflow="${SPIFF}" id="Definitions_new" targetNamespace="http://kinerja.lebongkab.go.id/bpmn">
  <bpmn:collaboration id="Collaboration_new"><bpmn:participant id="Participant_new" name="Proses baru" processRef="proses_baru"/></bpmn:collaboration>
  <bpmn:process id="proses_baru" name="Proses baru" isExecutable="true">
    <bpmn:laneSet id="LaneSet_new"><bpmn:lane id="Lane_pegawai" name="Pegawai"><bpmn:flowNodeRef>start</bpmn:flowNodeRef></bpmn:lane></bpmn:laneSet>
    <bpmn:startEvent id="start" name="Mulai"/>
  </bpmn:process>
  <bpmndi:BPMNDiagram id="BPMNDiagram_new"><bpmndi:BPMNPlane id="BPMNPlane_new" bpmnElement="Collaboration_new">
    <bpmndi:BPMNShape id="Participant_new_di" bpmnElement="Participant_new" isHorizontal="true"><dc:Bounds x="120" y="60" width="800" height="160"/></bpmndi:BPMNShape>
    <bpmndi:BPMNShape id="Lane_pegawai_di" bpmnElement="Lane_pegawai" isHorizontal="true"><dc:Bounds x="150" y="60" width="770" height="160"/></bpmndi:BPMNShape>
    <bpmndi:BPMNShape id="start_di" bpmnElement="start"><dc:Bounds x="222" y="122" width="36" height="36"/></bpmndi:BPMNShape>
  </bpmndi:BPMNPlane></bpmndi:BPMNDiagram>
</bpmn:definitions>`;

  const state = { definition: null, forms: {}, formErrors: {}, laneBindings: {}, dirty: false, marked: [] };
  let modeler;
  const service = (name) => modeler.get(name);

  // --- spiffworkflow extension elements (kept as generic moddle elements: unknown ones survive) ---

  const extensions = (bo) => (bo.extensionElements && bo.extensionElements.values) || [];
  const spiff = (bo, local) => extensions(bo).find((v) => v.$type === 'spiffworkflow:' + local);

  function spiffProperty(bo, name) {
    const properties = spiff(bo, 'properties');
    const found = ((properties && properties.$children) || []).find((child) => child.name === name);
    return found ? found.value : '';
  }

  function any(local, attrs) {
    return service('moddle').createAny('spiffworkflow:' + local, SPIFF, attrs);
  }

  /** `target`: the element's own business object, or another one it stands for (a pool's process). */
  function setExtensions(element, values, target) {
    const ext = values.length ? service('moddle').create('bpmn:ExtensionElements', { values }) : undefined;
    service('modeling').updateModdleProperties(element, target || element.businessObject, { extensionElements: ext });
  }

  /** Replace one spiffworkflow child (by tag) with `replacement` (or drop it), keeping the order. */
  function replaceSpiff(element, local, replacement, target) {
    const values = extensions(target || element.businessObject);
    const index = values.findIndex((v) => v.$type === 'spiffworkflow:' + local);
    const next = values.filter((_, i) => i !== index);
    if (replacement) next.splice(index < 0 ? next.length : index, 0, replacement);
    setExtensions(element, next, target);
  }

  function setSpiffProperty(element, name, value, target) {
    const old = spiff(target || element.businessObject, 'properties');
    const children = ((old && old.$children) || []).filter((child) => child.name !== name)
      .map((child) => any('property', { name: child.name, value: child.value }));
    if (value) children.push(any('property', { name, value }));
    let properties = null;
    if (children.length) {
      properties = any('properties', {});
      properties.$children = children;
    }
    replaceSpiff(element, 'properties', properties, target);
  }

  function setInstructions(element, text) {
    replaceSpiff(element, 'instructionsForEndUser', text ? any('instructionsForEndUser', { $body: text }) : null);
  }

  function setOperator(element, name) {
    const old = spiff(element.businessObject, 'serviceTaskOperator');
    let operator = null;
    if (name) {
      operator = any('serviceTaskOperator', { id: name, resultVariable: (old && old.resultVariable) || undefined });
      operator.$children = (old && old.$children) || [any('parameters', {})];
    }
    replaceSpiff(element, 'serviceTaskOperator', operator);
  }

  // --- lanes ---

  const lanes = () => service('elementRegistry').filter((e) => e.type === 'bpmn:Lane'
    && !(e.businessObject.childLaneSet && e.businessObject.childLaneSet.lanes.length));

  function laneOf(element) {
    const cx = element.x + element.width / 2;
    const cy = element.y + element.height / 2;
    return lanes().find((l) => cx >= l.x && cx <= l.x + l.width && cy >= l.y && cy <= l.y + l.height);
  }

  function moveToLane(element, lane) {
    const dy = lane.y + lane.height / 2 - (element.y + element.height / 2);
    service('modeling').moveElements([element].concat(element.attachers || []), { x: 0, y: dy });
  }

  const laneNames = () => [...new Set(lanes().map((l) => (l.businessObject.name || '').trim()).filter(Boolean))];

  function standardBinding(name) {
    return cfg.standardLanes[name.toLowerCase().split(/\s+/).join(' ')] || '';
  }

  function renderLanes() {
    const box = document.getElementById('k-lanes');
    box.replaceChildren(K.el('datalist', { id: 'k-bindings' },
      cfg.roles.concat(['GROUP:', 'USER:']).map((role) => K.el('option', { value: role }))));
    laneNames().forEach((name) => {
      const standard = standardBinding(name);
      const input = K.el('input', {
        value: state.laneBindings[name] || '', list: 'k-bindings', 'data-lane': name, readonly: !editable,
        placeholder: standard ? K.format(S.standard, { binding: standard }) : S.unbound,
        onchange: (event) => {
          const value = event.target.value.trim();
          if (value) state.laneBindings[name] = value; else delete state.laneBindings[name];
          markDirty();
        },
      });
      box.append(K.el('label', { class: 'k-field' }, name, input));
    });
  }

  /** Only the bindings of lanes still on the diagram are sent. */
  function boundLanes() {
    const names = laneNames();
    return Object.fromEntries(Object.entries(state.laneBindings).filter(([name]) => names.includes(name)));
  }

  // --- the element panel ---

  function field(label, control) {
    return K.el('label', { class: 'k-field' }, label, control);
  }

  function input(name, value, onchange, attrs) {
    return K.el('input', Object.assign({ name, value: value || '', readonly: !editable,
      onchange: (event) => onchange(event.target.value.trim()) }, attrs || {}));
  }

  function select(name, value, options, onchange) {
    return K.el('select', { name, disabled: !editable, onchange: (event) => onchange(event.target.value) },
      options.map(([optionValue, label]) => K.el('option', { value: optionValue, selected: optionValue === value }, label)));
  }

  const handlerList = () => K.el('datalist', { id: 'k-handlers' }, cfg.handlers.map((h) => K.el('option', { value: h })));

  function renderProperties(element) {
    const box = document.getElementById('k-properties');
    if (!element || element.type === 'label') {
      box.replaceChildren(K.el('p', { class: 'k-hint' }, S.noSelection));
      return;
    }
    const bo = element.businessObject;
    const rows = [K.el('p', { class: 'k-hint' }, bo.$type.replace('bpmn:', ''), ' · ', K.el('code', {}, bo.id))];
    rows.push(field(S.labels.name, K.el('textarea', { name: 'name', rows: 2, readonly: !editable,
      onchange: (event) => service('modeling').updateLabel(element, event.target.value.trim()) }, bo.name || '')));
    if (FLOW_NODE.test(element.type) && element.type !== 'bpmn:BoundaryEvent' && lanes().length) {
      const current = laneOf(element);
      rows.push(field(S.labels.lane, select('lane', current ? current.id : '',
        lanes().map((l) => [l.id, l.businessObject.name || l.id]),
        (laneId) => moveToLane(element, service('elementRegistry').get(laneId)))));
    }
    if (element.type === 'bpmn:UserTask') {
      const forms = Object.keys(state.forms).sort();
      rows.push(field(S.labels.form, select('form', spiffProperty(bo, 'formJsonSchemaFilename'),
        [['', S.noForm]].concat(forms.map((f) => [f, f])),
        (name) => setSpiffProperty(element, 'formJsonSchemaFilename', name))));
      rows.push(field(S.labels.handler, input('handler', spiffProperty(bo, 'handler'),
        (name) => setSpiffProperty(element, 'handler', name), { list: 'k-handlers' })));
      rows.push(handlerList());
      const instructions = spiff(bo, 'instructionsForEndUser');
      rows.push(field(S.labels.instructions, K.el('textarea', { name: 'instructions', rows: 5, readonly: !editable,
        onchange: (event) => setInstructions(element, event.target.value.trim()) },
      (instructions && instructions.$body) || '')));
    }
    if (element.type === 'bpmn:ServiceTask') {
      const operator = spiff(bo, 'serviceTaskOperator');
      rows.push(field(S.labels.operator, input('operator', operator && operator.id,
        (name) => setOperator(element, name), { list: 'k-handlers' })));
      rows.push(handlerList());
    }
    if (element.type === 'bpmn:Participant' && bo.processRef) {
      // Who may start the pool's process (roles, comma-separated); empty: the subject and HR.
      rows.push(field(S.labels.startableBy, input('startableBy', spiffProperty(bo.processRef, 'startableBy'),
        (roles) => setSpiffProperty(element, 'startableBy', roles, bo.processRef),
        { placeholder: 'EMPLOYEE, PERFORMANCE_ADMIN' })));
    }
    const timer = (bo.eventDefinitions || []).find((d) => d.$type === 'bpmn:TimerEventDefinition');
    if (timer) rows.push(...timerFields(element, timer));
    if (element.type === 'bpmn:SequenceFlow' && /Gateway$/.test(bo.sourceRef.$type)) {
      const condition = bo.conditionExpression ? bo.conditionExpression.body : '';
      rows.push(field(S.labels.condition, input('condition', condition, (text) => {
        const expression = text ? service('moddle').create('bpmn:FormalExpression', { body: text }) : undefined;
        service('modeling').updateProperties(element, { conditionExpression: expression });
      }, { placeholder: 'decision == "APPROVE"' })));
    }
    box.replaceChildren(...rows);
  }

  /** A timer's kind (date, duration, cycle) and its expression, e.g. "P14D" or a data field. */
  function timerFields(element, timer) {
    const kinds = ['timeDuration', 'timeDate', 'timeCycle'];
    const kind = kinds.find((k) => timer[k]) || 'timeDuration';
    const expression = timer[kind] ? timer[kind].body : '';
    const update = (newKind, text) => {
      const props = Object.fromEntries(kinds.map((k) => [k, undefined]));
      props[newKind] = service('moddle').create('bpmn:FormalExpression', { body: text });
      service('modeling').updateModdleProperties(element, timer, props);
    };
    return [
      field(S.labels.timerKind, select('timerKind', kind, kinds.map((k) => [k, S.timerKinds[k]]),
        (newKind) => update(newKind, expression))),
      field(S.labels.timer, input('timer', expression, (text) => update(kind, text), { placeholder: '"P14D"' })),
    ];
  }

  function refreshSelection() {
    const selected = service('selection').get();
    renderProperties(selected.length === 1 ? selected[0] : null);
  }

  // --- forms ---

  function renderForms(selected) {
    const picker = document.getElementById('k-form-select');
    const names = Object.keys(state.forms).sort();
    const current = selected || (names.includes(picker.value) ? picker.value : names[0]);
    picker.replaceChildren(...names.map((name) => K.el('option', { value: name, selected: name === current }, name)));
    const text = document.getElementById('k-form-text');
    text.value = current ? JSON.stringify(state.forms[current], null, 2) : '';
    text.disabled = !current;
    showFormError(current);
  }

  function showFormError(name) {
    const message = state.formErrors[name];
    document.getElementById('k-form-error').textContent = message ? K.format(S.badJson, { name, error: message }) : '';
  }

  function wireForms() {
    const picker = document.getElementById('k-form-select');
    const text = document.getElementById('k-form-text');
    picker.addEventListener('change', () => renderForms(picker.value));
    if (!editable) return;
    text.addEventListener('input', () => {
      const name = picker.value;
      try {
        state.forms[name] = JSON.parse(text.value);
        delete state.formErrors[name];
      } catch (exc) {
        state.formErrors[name] = exc.message;
      }
      showFormError(name);
      markDirty();
    });
    document.getElementById('k-form-add').addEventListener('click', () => {
      const name = (window.prompt(S.formName) || '').trim();
      if (!name) return;
      state.forms[name] = state.forms[name] || { type: 'object', properties: {}, additionalProperties: false };
      renderForms(name);
      refreshSelection();
      markDirty();
    });
    document.getElementById('k-form-remove').addEventListener('click', () => {
      delete state.forms[picker.value];
      delete state.formErrors[picker.value];
      renderForms();
      refreshSelection();
      markDirty();
    });
  }

  // --- problems on the diagram ---

  function clearProblems() {
    const canvas = service('canvas');
    state.marked.forEach((id) => canvas.removeMarker(id, 'k-invalid'));
    state.marked = [];
    service('overlays').remove({ type: 'k-problem' });
    document.getElementById('k-problems').replaceChildren();
  }

  function showProblems(problems) {
    clearProblems();
    const registry = service('elementRegistry');
    const list = document.getElementById('k-problems');
    problems.forEach((problem) => {
      const element = problem.elementId && registry.get(problem.elementId);
      const item = K.el('li', { 'data-element-id': problem.elementId || '' },
        problem.elementId ? K.el('code', {}, problem.elementId) : null, ' ', problem.message);
      if (element) {
        service('canvas').addMarker(element.id, 'k-invalid');
        state.marked.push(element.id);
        service('overlays').add(element.id, 'k-problem', {
          position: { top: -6, left: 0 },
          html: K.el('div', { class: 'k-problem', 'data-element-id': element.id, title: problem.message }, problem.message),
        });
        item.addEventListener('click', () => {
          service('selection').select(element);
          service('canvas').scrollToElement(element);
        });
      }
      list.append(item);
    });
  }

  // --- check, save, publish, retire ---

  async function payload() {
    const broken = Object.keys(state.formErrors);
    if (broken.length) {
      K.status(K.format(S.badJson, { name: broken[0], error: state.formErrors[broken[0]] }), 'error');
      return null;
    }
    const key = document.getElementById('k-key').value.trim();
    if (!key) {
      K.status(S.keyRequired, 'error');
      return null;
    }
    const { xml } = await modeler.saveXML({ format: true });
    return { bpmnXml: xml, forms: state.forms, laneBindings: boundLanes(), key };
  }

  function failed(exc) {
    const errors = (exc.errors && exc.errors[0].extensions && exc.errors[0].extensions.errors) || [];
    if (errors.length) showProblems(errors);
    K.status(K.format(S.error, { message: exc.message }), 'error');
  }

  /** Send the diagram, forms and bindings to a check or an upload; `done` gets the result. */
  async function sendDefinition(operation, field, selection, progress, done) {
    const input = await payload();
    if (!input) return;
    K.status(progress);
    try {
      const data = await K.gql(`${operation}($bpmnXml: String!, $forms: JSON, $laneBindings: JSON, $key: String) {
        ${field}(bpmnXml: $bpmnXml, forms: $forms, laneBindings: $laneBindings, key: $key) { ${selection} } }`, input);
      done(data[field]);
    } catch (exc) {
      failed(exc);
    }
  }

  function check() {
    return sendDefinition('query Check', 'checkProcessDefinition', 'valid problems { elementId tag line message }',
      S.checking, (result) => {
        showProblems(result.problems);
        K.status(result.valid ? S.valid : K.format(S.problems, { count: result.problems.length }),
          result.valid ? 'ok' : 'error');
      });
  }

  function save() {
    return sendDefinition('mutation Save', 'uploadProcessDefinition', 'id version', S.saving, (saved) => {
      state.dirty = false;
      K.status(K.format(S.saved, { version: saved.version }), 'ok');
      window.location.assign('/proses/definisi/' + K.pkOf(saved.id) + '/');
    });
  }

  async function changeStatus(mutation, confirmText, doneText) {
    if (state.dirty) {
      K.status(S.saveFirst, 'error');
      return;
    }
    if (!window.confirm(confirmText)) return;
    try {
      await K.gql(`mutation Change($id: ID!) { ${mutation}(id: $id) { id status } }`, { id: state.definition.id });
      K.status(doneText, 'ok');
      window.location.reload();
    } catch (exc) {
      failed(exc);
    }
  }

  function markDirty() {
    state.dirty = true;
    K.status(S.unsaved, 'warn');
  }

  function wireButtons() {
    if (!editable) return;
    const on = (id, handler) => {
      const button = document.getElementById(id);
      if (button) button.addEventListener('click', handler);
    };
    on('k-check', check);
    on('k-save', save);
    on('k-publish', () => changeStatus('publishProcessDefinition', S.confirmPublish, S.published));
    on('k-retire', () => changeStatus('retireProcessDefinition', S.confirmRetire, S.retired));
    window.addEventListener('beforeunload', (event) => {
      if (state.dirty) event.preventDefault();
    });
  }

  async function start() {
    K.status(S.loading);
    modeler = new window.BpmnJS({ container: '#k-canvas' });
    let xml = NEW_PROCESS;
    if (cfg.definitionId) {
      const data = await K.gql(`query Definition($id: ID!) { processDefinition(id: $id) {
        id key version status diagramXml forms laneBindings } }`, { id: K.globalId('ProcessDefinition', cfg.definitionId) });
      state.definition = data.processDefinition;
      state.forms = state.definition.forms || {};
      state.laneBindings = state.definition.laneBindings || {};
      xml = state.definition.diagramXml;
    }
    await modeler.importXML(xml);
    service('canvas').zoom('fit-viewport', 'auto');
    modeler.on('selection.changed', ({ newSelection }) => renderProperties(newSelection.length === 1 ? newSelection[0] : null));
    modeler.on('commandStack.changed', () => {
      markDirty();
      refreshSelection();
      renderLanes();
    });
    renderProperties(null);
    renderLanes();
    renderForms();
    wireForms();
    wireButtons();
    K.status(S.loaded, 'ok');
    document.body.dataset.ready = 'true';
  }

  document.addEventListener('DOMContentLoaded', () => start().catch((exc) => {
    K.status(K.format(S.error, { message: exc.message }), 'error');
    document.body.dataset.ready = 'error';
  }));
})();
