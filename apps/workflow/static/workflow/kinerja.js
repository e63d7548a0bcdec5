/* Kinerja pages: small DOM helpers and calls to /graphql/ with the session cookie and the CSRF header. */
(function () {
  'use strict';

  function cookie(name) {
    const found = document.cookie.split('; ').find((part) => part.startsWith(name + '='));
    return found ? decodeURIComponent(found.slice(name.length + 1)) : '';
  }

  class GraphQLError extends Error {
    constructor(errors) {
      super(errors.map((e) => e.message).join('; '));
      this.errors = errors;
      this.code = (errors[0].extensions || {}).code;
    }
  }

  async function gql(query, variables) {
    const response = await fetch('/graphql/', {
      method: 'POST',
      credentials: 'same-origin',
      headers: {
        'Content-Type': 'application/json',
        'X-CSRFToken': cookie('csrftoken'),
        'Accept-Language': document.documentElement.lang || 'id',
      },
      body: JSON.stringify({ query, variables: variables || {} }),
    });
    let body;
    try {
      body = await response.json();
    } catch (exc) {
      throw new GraphQLError([{ message: response.status + ' ' + response.statusText }]);
    }
    if (body.errors && body.errors.length) throw new GraphQLError(body.errors);
    return body.data;
  }

  /** A relay global id ("ProcessDefinition:12" in base64) and back. */
  const globalId = (type, pk) => btoa(type + ':' + pk);
  const pkOf = (id) => Number(atob(id).split(':')[1]);

  function config() {
    return JSON.parse(document.getElementById('k-config').textContent);
  }

  /** "%(name)s" placeholders, as in Django's translations. */
  function format(text, values) {
    return text.replace(/%\((\w+)\)s/g, (_, key) => String((values || {})[key]));
  }

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([key, value]) => {
      if (key === 'class') node.className = value;
      else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
      else if (value !== undefined && value !== null && value !== false) node.setAttribute(key, value === true ? '' : value);
    });
    children.flat().forEach((child) => {
      if (child !== null && child !== undefined) node.append(child instanceof Node ? child : String(child));
    });
    return node;
  }

  function status(text, kind) {
    const node = document.getElementById('k-status');
    node.textContent = text;
    node.className = kind ? 'k-' + kind : '';
  }

  window.Kinerja = { gql, GraphQLError, globalId, pkOf, config, format, el, status };
})();
