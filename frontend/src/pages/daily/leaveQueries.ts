/** The GraphQL operations of the leave screen (cuti, R-CALENDAR). */
import { useQuery } from "@apollo/client/react";
import { graphql } from "../../gql";
import { useMe } from "../../session";

graphql(`
  fragment LeaveFields on Leave {
    id startsOn endsOn kind status note decisionNote decidedAt createdAt
    employee { id name position { title } }
    decidedBy { id name }
  }
`);

export const MY_LEAVES = graphql(`
  query MyLeaves($employeeId: ID!) {
    leaves(first: 50, employeeId: $employeeId) {
      totalCount
      edges { node { ...LeaveFields } }
    }
  }
`);

/** Pending leave the viewer may see; the screen keeps those of the people they rate. */
export const PENDING_LEAVES = graphql(`
  query PendingLeaves {
    leaves(first: 100, status: PENDING) {
      edges { node { ...LeaveFields } }
    }
  }
`);

export const REQUEST_LEAVE = graphql(`
  mutation RequestLeave($startsOn: Date!, $endsOn: Date!, $kind: LeaveKind!, $note: String!) {
    requestLeave(startsOn: $startsOn, endsOn: $endsOn, kind: $kind, note: $note) { ...LeaveFields }
  }
`);

export const CANCEL_LEAVE = graphql(`
  mutation CancelLeave($id: ID!) { cancelLeave(leaveId: $id) }
`);

export const DECIDE_LEAVE = graphql(`
  mutation DecideLeave($id: ID!, $approve: Boolean!, $note: String!) {
    decideLeave(leaveId: $id, approve: $approve, note: $note) { ...LeaveFields }
  }
`);

/** Raters: how many leave requests of the people they rate wait for their decision. */
export function usePendingLeaveCount(): number {
  const me = useMe();
  const rated = new Set(me.subordinates.map((person) => person.id));
  const { data } = useQuery(PENDING_LEAVES, { skip: rated.size === 0 });
  return (data?.leaves.edges ?? []).filter((edge) => rated.has(edge.node.employee.id)).length;
}
