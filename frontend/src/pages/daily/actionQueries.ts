/** The GraphQL operations of the action-plan screens (rencana aksi, R-ACTION). */
import { graphql } from "../../gql";

graphql(`
  fragment ActionPlanFields on ActionPlan {
    id status revisionNotes approvedAt createdAt
    approvedBy { id name }
    period { id kind number startsOn endsOn }
    plan { id year employee { id name position { title } } workResults { id text } }
    items { id text target unit position workResult { id text } }
    processInstance { id status activeTasks { id bpmnId name assignee { id name } } }
  }
`);

/** My SKP of the year: its action plans hang on it. */
export const ACTION_SKP = graphql(`
  query ActionPlanSkp($year: Int!) {
    myPlan(year: $year) { id year status }
  }
`);

export const ACTION_PLANS = graphql(`
  query ActionPlans($planId: ID!) {
    actionPlans(planId: $planId) { ...ActionPlanFields }
  }
`);

export const ACTION_PLAN = graphql(`
  query ActionPlanOne($id: ID!) {
    actionPlan(id: $id) { ...ActionPlanFields }
  }
`);

/** The rater: open tasks of the action_plan process (those of staff waiting for a decision). */
export const ACTION_TASKS = graphql(`
  query ActionPlanTasks {
    tasks(first: 100, filter: { mine: true, state: READY }) {
      edges { node { id name bpmnId processInstance { id key subject { id name } actionPlan { id } } } }
    }
  }
`);

export const UPSERT_ITEM = graphql(`
  mutation UpsertActionItem($actionPlanId: ID!, $input: ActionItemInput!) {
    upsertActionItem(actionPlanId: $actionPlanId, input: $input) { id text target unit position workResult { id text } }
  }
`);

export const DELETE_ITEM = graphql(`
  mutation DeleteActionItem($id: ID!) { deleteActionItem(id: $id) }
`);
