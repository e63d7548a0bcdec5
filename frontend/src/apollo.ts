/**
 * The one GraphQL client of the app: HTTP (with GraphQL multipart uploads) for queries and
 * mutations, graphql-ws on the same /graphql/ path for subscriptions, Apollo's normalized cache.
 *
 * Authentication is the HttpOnly session cookie that `login` starts; every POST carries the CSRF
 * header (schema/view.py checks it like a Django form post). No token is kept in the browser.
 * Accept-Language follows the app's language switch, so server messages come in the same language.
 */
import { ApolloClient, ApolloLink, CombinedGraphQLErrors, InMemoryCache, makeVar } from "@apollo/client";
import { ErrorLink } from "@apollo/client/link/error";
import { GraphQLWsLink } from "@apollo/client/link/subscriptions";
import { getMainDefinition } from "@apollo/client/utilities";
import UploadHttpLink from "apollo-upload-client/UploadHttpLink.mjs";
import { Kind, OperationTypeNode } from "graphql";
import { createClient } from "graphql-ws";
import { csrfToken } from "./csrf";
import { currentLanguage } from "./i18n";

const wsUrl = `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/graphql/`;

export const wsClient = createClient({
  url: wsUrl,
  lazy: true,
  // A server restart or a network blip: reconnect and resubscribe, without end.
  retryAttempts: Number.POSITIVE_INFINITY,
  shouldRetry: () => true,
});

const headers = new ApolloLink((operation, forward) => {
  operation.setContext(({ headers: current = {} }: { headers?: Record<string, string> }) => ({
    headers: {
      ...current,
      "X-CSRFToken": csrfToken(),
      "Accept-Language": currentLanguage(),
      // apollo-upload-client: tell the server this multipart POST is not a cross-site form.
      "Apollo-Require-Preflight": "true",
    },
  }));
  return forward(operation);
});

/** True once any request is refused because the session ended (expired, revoked, logged out in
 * another tab): the app then shows the sign-in screen with a message instead of the screen. */
export const sessionEnded = makeVar(false);
/** Someone was signed in on this page: only then is a refusal "your session ended" (a first
 * visit without a session just shows the sign-in screen). Set by the session gate. */
export const wasSignedIn = makeVar(false);

// In front of HTTP and WebSocket alike: the server also ends a subscription whose session ended.
const watchSession = new ErrorLink(({ error }) => {
  if (wasSignedIn() && CombinedGraphQLErrors.is(error)
      && error.errors.some((e) => e.extensions?.code === "UNAUTHENTICATED")) {
    sessionEnded(true);
  }
});

const http = new UploadHttpLink({ uri: "/graphql/", credentials: "same-origin" });

const isSubscription = ({ query }: { query: Parameters<typeof getMainDefinition>[0] }) => {
  const definition = getMainDefinition(query);
  return definition.kind === Kind.OPERATION_DEFINITION && definition.operation === OperationTypeNode.SUBSCRIPTION;
};

export const client = new ApolloClient({
  link: ApolloLink.from([watchSession, ApolloLink.split(isSubscription, new GraphQLWsLink(wsClient), ApolloLink.from([headers, http]))]),
  cache: new InMemoryCache({
    typePolicies: {
      // Value types without ids: replace, never merge field by field.
      Me: { keyFields: [] },
    },
  }),
  defaultOptions: { watchQuery: { fetchPolicy: "cache-and-network" } },
});

