/** Who is signed in (the `me` query) and what the app shows them; the server decides access. */
import { useQuery, useReactiveVar } from "@apollo/client/react";
import { createContext, useContext, type ReactNode } from "react";
import { sessionEnded, wasSignedIn } from "./apollo";
import { isSignedOut } from "./errors";
import { graphql } from "./gql";
import type { MeQuery } from "./gql/graphql";
import { Login } from "./pages/Login";
import { Loading, ProblemBox } from "./components/Status";

export const ME = graphql(`
  query Me {
    me {
      roles
      emailNotifications
      user { id username }
      employee { id name nip unit { id name } position { title } }
      rater { id name }
      raterSupervisor { id name }
      subordinates { id name }
      managedUnits { id name code }
    }
  }
`);

export type Me = MeQuery["me"];
const MeContext = createContext<Me | null>(null);

export function useMe(): Me {
  const me = useContext(MeContext);
  if (!me) throw new Error("useMe outside a signed-in session");
  return me;
}

export function SessionGate({ children }: { children: ReactNode }) {
  const { data, error, loading } = useQuery(ME, { fetchPolicy: "network-only" });
  const ended = useReactiveVar(sessionEnded);
  if (loading && !data) return <Loading />;
  if (error && !isSignedOut(error)) return <ProblemBox error={error} />;
  if (!data?.me || ended) return <Login expired={ended} />;
  wasSignedIn(true);
  return <MeContext.Provider value={data.me}>{children}</MeContext.Provider>;
}
