/** The GraphQL operations of the daily-progress screens (R-DAILY, R-LATE, R-CALENDAR). */
import { graphql } from "../../gql";

graphql(`
  fragment DailyEntryFields on DailyEntry {
    id date text quantity outputUnit minutes evidenceLink status lateDays returnNote reviewedAt
    workResult { id text }
    actionItem { id text }
    evidenceFiles { id name size url }
    reviewedBy { id name }
  }
`);

/** The approved SKP's work results: what an entry may serve. */
export const DAILY_PLAN = graphql(`
  query DailyPlan($year: Int!) {
    myPlan(year: $year) {
      id year status
      workResults { id text type indicators { id aspect unit } }
    }
  }
`);

/** The SKP's quarterly action plans (R-ACTION): an entry may name an action of the approved plan
 * of its day's quarter, under its work result. */
export const DAILY_ACTIONS = graphql(`
  query DailyActions($planId: ID!) {
    actionPlans(planId: $planId) {
      id status
      period { id startsOn endsOn }
      items { id text target unit workResult { id } }
    }
  }
`);

/** My latest entries: which work result and output unit I used last (a returning user's defaults). */
export const DAILY_RECENT = graphql(`
  query DailyRecent($employeeId: ID!) {
    dailyEntries(first: 30, filter: { employeeId: $employeeId }) {
      edges { node { id workResult { id } outputUnit } }
    }
  }
`);

export const DAILY_WEEK = graphql(`
  query DailyWeek($date: Date!) {
    dailyWeek(date: $date) {
      start
      days {
        date isWorkingDay holiday isWeekend isExcused isClosed deadline isFilled isMissing lateDays
        entries { ...DailyEntryFields }
      }
    }
  }
`);

export const RECORD_ENTRY = graphql(`
  mutation RecordDailyEntry($input: RecordDailyEntryInput!) {
    recordDailyEntry(input: $input) { ...DailyEntryFields }
  }
`);

export const SUBMIT_ENTRIES = graphql(`
  mutation SubmitDailyEntries($ids: [ID!]!) {
    submitDailyEntries(ids: $ids) { id status lateDays }
  }
`);

export const DELETE_ENTRY = graphql(`
  mutation DeleteDailyEntry($id: ID!) { deleteDailyEntry(id: $id) }
`);

export const REVIEW_QUEUE = graphql(`
  query DailyReviewQueue {
    dailyReviewQueue { waiting oldestDate employee { id name position { title } } }
  }
`);

/** The entries of one person waiting for review, with the person's name (kept in the heading
 * once nothing is left waiting). */
export const REVIEW_ENTRIES = graphql(`
  query DailyReviewEntries($employeeId: ID!) {
    employee(id: $employeeId) { id name }
    dailyEntries(first: 100, filter: { employeeId: $employeeId, status: SUBMITTED }) {
      totalCount
      edges { node { ...DailyEntryFields } }
    }
  }
`);

/** Every entry waiting for the rater, of the whole team at once (the queue's "Seluruh tim"). */
export const REVIEW_TEAM_ENTRIES = graphql(`
  query DailyReviewTeamEntries {
    dailyEntries(first: 100, filter: { awaitingMyReview: true }) {
      totalCount
      edges { node { ...DailyEntryFields employee { id name } } }
    }
  }
`);

export const REVIEW = graphql(`
  mutation ReviewDailyEntries($approve: [ID!], $returns: [ReturnEntryInput!]) {
    reviewDailyEntries(approve: $approve, returns: $returns) {
      changed { id status returnNote reviewedAt }
      errors { entryId code message }
    }
  }
`);
