/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  subscription DailyReminders {\n    dailyReminders { kind date hasDraft entriesWaiting employeesWaiting }\n  }\n": typeof types.DailyRemindersDocument,
    "\n  fragment DocumentFields on Document { url filename contentType }\n": typeof types.DocumentFieldsFragmentDoc,
    "\n  query EvaluationSummaryEvaluation($id: ID!) {\n    evaluation(id: $id) {\n      id status selfNotes resultRating behaviorRating predicate feedback behaviorFeedback resultFeedback\n      period { id kind number startsOn endsOn }\n      ratedBy { id name }\n      plan {\n        id year\n        employee { id name position { title } }\n        workResults { id text indicators { id aspect text target unit } }\n      }\n      suggestedRealizations { indicator { id } value outputUnit entries }\n      realizations {\n        id value note evidenceLinks deviationReason\n        indicator { id }\n        evidenceFiles { id name url contentType size }\n      }\n    }\n  }\n": typeof types.EvaluationSummaryEvaluationDocument,
    "\n  query OpenTaskCount {\n    tasks(first: 1, filter: { mine: true, state: READY }) { totalCount }\n  }\n": typeof types.OpenTaskCountDocument,
    "\n  subscription TaskEvents {\n    taskEvents { kind taskId name bpmnId processInstanceId subjectName }\n  }\n": typeof types.TaskEventsDocument,
    "\n  query DailyReviewCount {\n    dailyReviewQueue { waiting employee { id } }\n  }\n": typeof types.DailyReviewCountDocument,
    "\n  mutation Logout { logout }\n": typeof types.LogoutDocument,
    "\n  query PlanSummaryPlan($id: ID!) {\n    performancePlan(id: $id) {\n      id year status revisionNotes isOverdue\n      employee { id name position { title } unit { name } }\n      rater { id name }\n      raterSupervisor { id name }\n      workResults {\n        id text type\n        orgGoal { id text }\n        parents { id text }\n        indicators { id aspect text target unit }\n      }\n      history { kind actor { id username } data createdAt }\n    }\n  }\n": typeof types.PlanSummaryPlanDocument,
    "\n  query EvaluationPageEvaluation($id: ID!) {\n    evaluation(id: $id) {\n      id status selfNotes resultRating behaviorRating predicate feedback behaviorFeedback resultFeedback finalizedAt\n      period { id kind number startsOn endsOn }\n      document { ...DocumentFields }\n      ratedBy { id name }\n      approvedBy { id name }\n      plan {\n        id year\n        employee { id name position { title } }\n        rater { id name }\n        raterSupervisor { id name }\n        workResults { id text type indicators { id aspect text target unit kind } }\n      }\n      processInstance { id activeTasks { id bpmnId name assignee { id } candidates { id } } }\n      realizations {\n        id value note evidenceLinks recordedAt deviationReason\n        indicator { id }\n        evidenceFiles { id name url contentType size }\n      }\n      suggestedRealizations { indicator { id } value outputUnit entries }\n    }\n  }\n": typeof types.EvaluationPageEvaluationDocument,
    "\n  query EvaluationPagePeriodic($planId: ID!) {\n    evaluations(planId: $planId) {\n      id status resultRating behaviorRating predicate\n      period { id kind number }\n    }\n  }\n": typeof types.EvaluationPagePeriodicDocument,
    "\n  query EvaluationPagePredicatePreview($resultRating: Rating!, $behaviorRating: Rating!) {\n    predicatePreview(resultRating: $resultRating, behaviorRating: $behaviorRating)\n  }\n": typeof types.EvaluationPagePredicatePreviewDocument,
    "\n  subscription EvaluationPageProgress($planId: ID!) {\n    planProgress(planId: $planId) { planId kind status }\n  }\n": typeof types.EvaluationPageProgressDocument,
    "\n  mutation EvaluationPageRecordRealization($indicatorId: ID!, $periodId: ID!, $value: String!, $note: String!,\n                                           $evidenceLinks: [String!], $evidenceFiles: [Upload!], $deviationReason: String) {\n    recordRealization(indicatorId: $indicatorId, periodId: $periodId, value: $value, note: $note,\n                      evidenceLinks: $evidenceLinks, evidenceFiles: $evidenceFiles, deviationReason: $deviationReason) {\n      id value note evidenceLinks deviationReason evidenceFiles { id name url }\n    }\n  }\n": typeof types.EvaluationPageRecordRealizationDocument,
    "\n  mutation EvaluationPageRate($evaluationId: ID!, $resultRating: Rating!, $behaviorRating: Rating!, $feedback: String!,\n                              $behaviorFeedback: JSON, $workResultFeedback: [WorkResultFeedbackInput!]) {\n    rateEvaluation(evaluationId: $evaluationId, resultRating: $resultRating, behaviorRating: $behaviorRating,\n                   feedback: $feedback, behaviorFeedback: $behaviorFeedback, workResultFeedback: $workResultFeedback) {\n      id resultRating behaviorRating predicate feedback behaviorFeedback resultFeedback\n    }\n  }\n": typeof types.EvaluationPageRateDocument,
    "\n  mutation EvaluationPageCompleteTask($id: ID!, $data: JSON!) {\n    completeTask(id: $id, data: $data) { task { id state } }\n  }\n": typeof types.EvaluationPageCompleteTaskDocument,
    "\n  query EvaluationsMyPlan($year: Int!) {\n    myPlan(year: $year) { id year status employee { id name } }\n  }\n": typeof types.EvaluationsMyPlanDocument,
    "\n  query EvaluationsPlan($id: ID!) {\n    performancePlan(id: $id) { id year status employee { id name } }\n  }\n": typeof types.EvaluationsPlanDocument,
    "\n  query EvaluationsList($planId: ID!) {\n    evaluations(planId: $planId) {\n      id status predicate resultRating behaviorRating finalizedAt\n      period { id kind number startsOn endsOn }\n      processInstance { id activeTasks { id name bpmnId } }\n    }\n  }\n": typeof types.EvaluationsListDocument,
    "\n  query HomeTasks {\n    tasks(first: 10, filter: { mine: true }) {\n      totalCount\n      edges { node { id name dueAt assignee { id name } processInstance { id key definition { id name } subject { id name } } } }\n    }\n  }\n": typeof types.HomeTasksDocument,
    "\n  query HomeYear($year: Int!) {\n    myPlan(year: $year) { id status isOverdue revisionNotes rater { id name } approvedAt }\n    myProgress(year: $year) { workResultText target realization percent indicator { id text aspect } }\n  }\n": typeof types.HomeYearDocument,
    "\n  query HrUnits($withinId: ID!) {\n    orgUnits(first: 100, filter: { withinId: $withinId }) {\n      totalCount\n      edges { node { id name code depth } }\n    }\n  }\n": typeof types.HrUnitsDocument,
    "\n  query InboxTasks($filter: TaskFilter, $first: Int, $after: String, $last: Int, $before: String) {\n    tasks(filter: $filter, first: $first, after: $after, last: $last, before: $before) {\n      totalCount\n      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n      edges {\n        node {\n          id name state dueAt createdAt\n          assignee { id name }\n          candidates { id }\n          processInstance { id key definition { id name } subject { id name } }\n        }\n      }\n    }\n  }\n": typeof types.InboxTasksDocument,
    "\n  query InboxProcesses {\n    processDefinitions { id key name status }\n  }\n": typeof types.InboxProcessesDocument,
    "\n  mutation InboxClaim($id: ID!) { claimTask(id: $id) { id assignee { id name } } }\n": typeof types.InboxClaimDocument,
    "\n  mutation InboxUnclaim($id: ID!) { unclaimTask(id: $id) { id assignee { id name } } }\n": typeof types.InboxUnclaimDocument,
    "\n  mutation Login($username: String!, $password: String!) {\n    login(username: $username, password: $password) { user { id username } }\n  }\n": typeof types.LoginDocument,
    "\n  fragment MyPlanFields on PerformancePlan {\n    id year status revisionNotes isOverdue attachments approvedAt\n    employee { id name nip position { title } unit { id name } }\n    rater { id name }\n    raterSupervisor { id name }\n    workResults {\n      id text type position\n      orgGoal { id text }\n      parents { id text }\n      indicators { id aspect text target unit kind }\n    }\n    behaviorExpectations { coreValue text }\n    history { kind actor { id username } data createdAt }\n    processInstance { id activeTasks { id bpmnId name assignee { id } candidates { id } } }\n    supervisorWorkResults { id text }\n    document { ...DocumentFields }\n  }\n": typeof types.MyPlanFieldsFragmentDoc,
    "\n  query MyPlanMine($year: Int!) {\n    myPlan(year: $year) { ...MyPlanFields }\n  }\n": typeof types.MyPlanMineDocument,
    "\n  query MyPlanById($id: ID!) {\n    performancePlan(id: $id) { ...MyPlanFields }\n  }\n": typeof types.MyPlanByIdDocument,
    "\n  query MyPlanOrgGoals($unitId: ID!, $year: Int!) {\n    orgGoals(unitId: $unitId, year: $year) { id text }\n  }\n": typeof types.MyPlanOrgGoalsDocument,
    "\n  subscription MyPlanProgress($planId: ID!) {\n    planProgress(planId: $planId) { planId kind status }\n  }\n": typeof types.MyPlanProgressDocument,
    "\n  mutation MyPlanUpsertWorkResult($planId: ID!, $input: WorkResultInput!) {\n    upsertWorkResult(planId: $planId, input: $input) { id }\n  }\n": typeof types.MyPlanUpsertWorkResultDocument,
    "\n  mutation MyPlanDeleteWorkResult($id: ID!) {\n    deleteWorkResult(id: $id)\n  }\n": typeof types.MyPlanDeleteWorkResultDocument,
    "\n  mutation MyPlanSetAttachments($planId: ID!, $resources: [String!]!, $accountability: [String!]!, $consequences: [String!]!) {\n    setPlanAttachments(planId: $planId, resources: $resources, accountability: $accountability, consequences: $consequences) {\n      id attachments\n    }\n  }\n": typeof types.MyPlanSetAttachmentsDocument,
    "\n  mutation MyPlanCompleteTask($id: ID!, $data: JSON!) {\n    completeTask(id: $id, data: $data) { task { id state } }\n  }\n": typeof types.MyPlanCompleteTaskDocument,
    "\n  query TaskPageTask($id: ID!) {\n    task(id: $id) {\n      id name state instructions dueAt createdAt completedAt\n      completedBy { id username }\n      assignee { id name }\n      candidates { id name }\n      data\n      form { schema uiSchema }\n      processInstance {\n        id key status\n        definition { id name }\n        subject { id name position { title } unit { name } }\n        plan { id }\n        evaluation { id }\n        actionPlan { id period { kind number year } }\n        history { id kind outcome createdAt actor { id username } task { id name } }\n      }\n    }\n  }\n": typeof types.TaskPageTaskDocument,
    "\n  mutation TaskPageSaveDraft($id: ID!, $data: JSON!) {\n    saveTaskDraft(id: $id, data: $data) { id data }\n  }\n": typeof types.TaskPageSaveDraftDocument,
    "\n  mutation TaskPageComplete($id: ID!, $data: JSON!) {\n    completeTask(id: $id, data: $data) {\n      task { id state data completedAt completedBy { id username } }\n      processInstance { id status }\n      nextTasks { id name dueAt assignee { id name } processInstance { id subject { id name } } }\n    }\n  }\n": typeof types.TaskPageCompleteDocument,
    "\n  query TeamPlans($year: Int!) {\n    performancePlans(filter: { year: $year }, first: 100) {\n      totalCount\n      edges {\n        node {\n          id status isOverdue\n          employee { id name position { title } }\n          rater { id name }\n          document { ...DocumentFields }\n          processInstance { id activeTasks { id name bpmnId assignee { id } candidates { id } } }\n        }\n      }\n    }\n  }\n": typeof types.TeamPlansDocument,
    "\n  query TeamEvaluations($planId: ID!) {\n    evaluations(planId: $planId) {\n      id status predicate\n      period { id kind number }\n      processInstance { id activeTasks { id name bpmnId assignee { id } candidates { id } } }\n    }\n  }\n": typeof types.TeamEvaluationsDocument,
    "\n  fragment ActionPlanFields on ActionPlan {\n    id status revisionNotes approvedAt createdAt\n    approvedBy { id name }\n    period { id kind number startsOn endsOn }\n    plan { id year employee { id name position { title } } workResults { id text } }\n    items { id text target unit position workResult { id text } }\n    processInstance { id status activeTasks { id bpmnId name assignee { id name } } }\n  }\n": typeof types.ActionPlanFieldsFragmentDoc,
    "\n  query ActionPlanSkp($year: Int!) {\n    myPlan(year: $year) { id year status }\n  }\n": typeof types.ActionPlanSkpDocument,
    "\n  query ActionPlans($planId: ID!) {\n    actionPlans(planId: $planId) { ...ActionPlanFields }\n  }\n": typeof types.ActionPlansDocument,
    "\n  query ActionPlanOne($id: ID!) {\n    actionPlan(id: $id) { ...ActionPlanFields }\n  }\n": typeof types.ActionPlanOneDocument,
    "\n  query ActionPlanTasks {\n    tasks(first: 100, filter: { mine: true, state: READY }) {\n      edges { node { id name bpmnId processInstance { id key subject { id name } actionPlan { id } } } }\n    }\n  }\n": typeof types.ActionPlanTasksDocument,
    "\n  mutation UpsertActionItem($actionPlanId: ID!, $input: ActionItemInput!) {\n    upsertActionItem(actionPlanId: $actionPlanId, input: $input) { id text target unit position workResult { id text } }\n  }\n": typeof types.UpsertActionItemDocument,
    "\n  mutation DeleteActionItem($id: ID!) { deleteActionItem(id: $id) }\n": typeof types.DeleteActionItemDocument,
    "\n  fragment LeaveFields on Leave {\n    id startsOn endsOn kind status note decisionNote decidedAt createdAt\n    employee { id name position { title } }\n    decidedBy { id name }\n  }\n": typeof types.LeaveFieldsFragmentDoc,
    "\n  query MyLeaves($employeeId: ID!) {\n    leaves(first: 50, employeeId: $employeeId) {\n      totalCount\n      edges { node { ...LeaveFields } }\n    }\n  }\n": typeof types.MyLeavesDocument,
    "\n  query PendingLeaves {\n    leaves(first: 100, status: PENDING) {\n      edges { node { ...LeaveFields } }\n    }\n  }\n": typeof types.PendingLeavesDocument,
    "\n  mutation RequestLeave($startsOn: Date!, $endsOn: Date!, $kind: LeaveKind!, $note: String!) {\n    requestLeave(startsOn: $startsOn, endsOn: $endsOn, kind: $kind, note: $note) { ...LeaveFields }\n  }\n": typeof types.RequestLeaveDocument,
    "\n  mutation CancelLeave($id: ID!) { cancelLeave(leaveId: $id) }\n": typeof types.CancelLeaveDocument,
    "\n  mutation DecideLeave($id: ID!, $approve: Boolean!, $note: String!) {\n    decideLeave(leaveId: $id, approve: $approve, note: $note) { ...LeaveFields }\n  }\n": typeof types.DecideLeaveDocument,
    "\n  fragment DailyEntryFields on DailyEntry {\n    id date text quantity outputUnit minutes evidenceLink status lateDays returnNote reviewedAt\n    workResult { id text }\n    actionItem { id text }\n    evidenceFiles { id name size url }\n    reviewedBy { id name }\n  }\n": typeof types.DailyEntryFieldsFragmentDoc,
    "\n  query DailyPlan($year: Int!) {\n    myPlan(year: $year) {\n      id year status\n      workResults { id text type indicators { id aspect unit } }\n    }\n  }\n": typeof types.DailyPlanDocument,
    "\n  query DailyActions($planId: ID!) {\n    actionPlans(planId: $planId) {\n      id status\n      period { id startsOn endsOn }\n      items { id text target unit workResult { id } }\n    }\n  }\n": typeof types.DailyActionsDocument,
    "\n  query DailyRecent($employeeId: ID!) {\n    dailyEntries(first: 30, filter: { employeeId: $employeeId }) {\n      edges { node { id workResult { id } outputUnit } }\n    }\n  }\n": typeof types.DailyRecentDocument,
    "\n  query DailyWeek($date: Date!) {\n    dailyWeek(date: $date) {\n      start\n      days {\n        date isWorkingDay holiday isWeekend isExcused isClosed deadline isFilled isMissing lateDays\n        entries { ...DailyEntryFields }\n      }\n    }\n  }\n": typeof types.DailyWeekDocument,
    "\n  mutation RecordDailyEntry($input: RecordDailyEntryInput!) {\n    recordDailyEntry(input: $input) { ...DailyEntryFields }\n  }\n": typeof types.RecordDailyEntryDocument,
    "\n  mutation SubmitDailyEntries($ids: [ID!]!) {\n    submitDailyEntries(ids: $ids) { id status lateDays }\n  }\n": typeof types.SubmitDailyEntriesDocument,
    "\n  mutation DeleteDailyEntry($id: ID!) { deleteDailyEntry(id: $id) }\n": typeof types.DeleteDailyEntryDocument,
    "\n  query DailyReviewQueue {\n    dailyReviewQueue { waiting oldestDate employee { id name position { title } } }\n  }\n": typeof types.DailyReviewQueueDocument,
    "\n  query DailyReviewEntries($employeeId: ID!) {\n    employee(id: $employeeId) { id name }\n    dailyEntries(first: 100, filter: { employeeId: $employeeId, status: SUBMITTED }) {\n      totalCount\n      edges { node { ...DailyEntryFields } }\n    }\n  }\n": typeof types.DailyReviewEntriesDocument,
    "\n  query DailyReviewTeamEntries {\n    dailyEntries(first: 100, filter: { awaitingMyReview: true }) {\n      totalCount\n      edges { node { ...DailyEntryFields employee { id name } } }\n    }\n  }\n": typeof types.DailyReviewTeamEntriesDocument,
    "\n  mutation ReviewDailyEntries($approve: [ID!], $returns: [ReturnEntryInput!]) {\n    reviewDailyEntries(approve: $approve, returns: $returns) {\n      changed { id status returnNote reviewedAt }\n      errors { entryId code message }\n    }\n  }\n": typeof types.ReviewDailyEntriesDocument,
    "\n  query HrHolidays($year: Int!) {\n    holidays(year: $year) { date name kind }\n  }\n": typeof types.HrHolidaysDocument,
    "\n  mutation HrSetHoliday($date: Date!, $name: String!, $kind: HolidayKind!) {\n    setHoliday(date: $date, name: $name, kind: $kind) { date name kind }\n  }\n": typeof types.HrSetHolidayDocument,
    "\n  mutation HrDeleteHoliday($date: Date!) {\n    deleteHoliday(date: $date)\n  }\n": typeof types.HrDeleteHolidayDocument,
    "\n  query HrUnitSchedule($unitId: ID!) {\n    unitSchedule(unitId: $unitId) { workingDays timeZone unit { id } definedBy { id name } }\n  }\n": typeof types.HrUnitScheduleDocument,
    "\n  mutation HrSetUnitSchedule($unitId: ID!, $workingDays: Int!, $timeZone: UnitTimeZone!) {\n    setUnitSchedule(unitId: $unitId, workingDays: $workingDays, timeZone: $timeZone) {\n      workingDays timeZone unit { id } definedBy { id name }\n    }\n  }\n": typeof types.HrSetUnitScheduleDocument,
    "\n  query HrUnitEmployees($unitId: ID!, $search: String) {\n    employees(first: 100, filter: { unitId: $unitId, search: $search }) {\n      totalCount\n      edges { node { id name unit { id name } } }\n    }\n  }\n": typeof types.HrUnitEmployeesDocument,
    "\n  query HrLeaves($unitId: ID!, $first: Int!, $after: String) {\n    leaves(unitId: $unitId, first: $first, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges {\n        node { id startsOn endsOn kind status note createdAt employee { id name unit { id name } } decidedBy { id name } }\n      }\n    }\n  }\n": typeof types.HrLeavesDocument,
    "\n  mutation HrRecordLeave($employeeId: ID!, $startsOn: Date!, $endsOn: Date!, $kind: LeaveKind!, $note: String!) {\n    recordLeave(employeeId: $employeeId, startsOn: $startsOn, endsOn: $endsOn, kind: $kind, note: $note) {\n      id startsOn endsOn kind status note\n    }\n  }\n": typeof types.HrRecordLeaveDocument,
    "\n  mutation HrCancelLeave($id: ID!) {\n    cancelLeave(leaveId: $id)\n  }\n": typeof types.HrCancelLeaveDocument,
    "\n  query HrDashboard($unitId: ID!, $year: Int!) {\n    unitPerformance(unitId: $unitId, year: $year) {\n      plansByStatus { status count }\n      overduePlans\n      predicateDistribution { predicate count percent }\n      satisfaction { score category categoryLabel respondents }\n      meetingsHeld\n    }\n    recap: performanceRecap(unitId: $unitId, year: $year) { ...DocumentFields }\n  }\n": typeof types.HrDashboardDocument,
    "\n  query HrDistribution($unitId: ID!, $year: Int!, $periodId: ID!) {\n    distributionCheck(unitId: $unitId, periodId: $periodId) {\n      orgRating\n      counts { predicate count percent }\n      violations { rule message }\n    }\n    periodRecap: performanceRecap(unitId: $unitId, year: $year, periodId: $periodId) { ...DocumentFields }\n    predicates: predicateDetermination(unitId: $unitId, periodId: $periodId) { ...DocumentFields }\n  }\n": typeof types.HrDistributionDocument,
    "\n  query HrDiscipline($unitId: ID!, $year: Int!, $month: Int!, $first: Int!, $after: String) {\n    discipline(unitId: $unitId, year: $year, month: $month, first: $first, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges {\n        node {\n          employee { id name unit { id name } }\n          workingDays onTime late missing excused pending percentOnTime\n        }\n      }\n    }\n    disciplineExport(unitId: $unitId, year: $year, month: $month) { ...DocumentFields }\n  }\n": typeof types.HrDisciplineDocument,
    "\n  query HrMonthClosure($unitId: ID!, $year: Int!, $month: Int!) {\n    monthClosure(unitId: $unitId, year: $year, month: $month) { year month closedAt unit { id name } closedBy { id name } }\n  }\n": typeof types.HrMonthClosureDocument,
    "\n  mutation HrCloseMonth($unitId: ID!, $year: Int!, $month: Int!) {\n    closeMonth(unitId: $unitId, year: $year, month: $month) { year month closedAt unit { id name } }\n  }\n": typeof types.HrCloseMonthDocument,
    "\n  mutation HrReopenMonth($unitId: ID!, $year: Int!, $month: Int!) {\n    reopenMonth(unitId: $unitId, year: $year, month: $month)\n  }\n": typeof types.HrReopenMonthDocument,
    "\n  query HrGoals($unitId: ID!, $year: Int!) {\n    orgGoals(unitId: $unitId, year: $year) { id text source indicator target unit { id name } }\n  }\n": typeof types.HrGoalsDocument,
    "\n  mutation HrUpsertGoal($unitId: ID!, $year: Int!, $text: String!, $id: ID, $source: GoalSource, $indicator: String!, $target: String!) {\n    upsertOrgGoal(unitId: $unitId, year: $year, text: $text, id: $id, source: $source, indicator: $indicator, target: $target) {\n      id text source indicator target unit { id name }\n    }\n  }\n": typeof types.HrUpsertGoalDocument,
    "\n  mutation HrImportOrganization($unitsCsv: String!, $employeesCsv: String!) {\n    importOrganization(unitsCsv: $unitsCsv, employeesCsv: $employeesCsv) {\n      unitsCreated unitsUpdated employeesCreated employeesUpdated accountsCreated\n    }\n  }\n": typeof types.HrImportOrganizationDocument,
    "\n  mutation HrOpenYear($year: Int!, $unitId: ID!) {\n    openPerformanceYear(year: $year, unitId: $unitId) { id kind status progress total errors createdAt finishedAt }\n  }\n": typeof types.HrOpenYearDocument,
    "\n  mutation HrOpenPeriod($periodId: ID!, $unitId: ID!) {\n    openReviewPeriod(periodId: $periodId, unitId: $unitId) { id kind status progress total errors createdAt finishedAt }\n  }\n": typeof types.HrOpenPeriodDocument,
    "\n  query HrJob($id: ID!) {\n    job(id: $id) { id kind status progress total errors createdAt finishedAt }\n  }\n": typeof types.HrJobDocument,
    "\n  query HrCurrentRating($unitId: ID!, $periodId: ID!) {\n    distributionCheck(unitId: $unitId, periodId: $periodId) { orgRating }\n  }\n": typeof types.HrCurrentRatingDocument,
    "\n  mutation HrSetOrgRating($unitId: ID!, $periodId: ID!, $rating: OrgRating!) {\n    setOrgRating(unitId: $unitId, periodId: $periodId, rating: $rating)\n  }\n": typeof types.HrSetOrgRatingDocument,
    "\n  query HrSatisfaction($unitId: ID!, $year: Int!) {\n    satisfactionIndex(unitId: $unitId, year: $year) { score category categoryLabel respondents elementScores { element score } }\n  }\n": typeof types.HrSatisfactionDocument,
    "\n  mutation HrSubmitSurvey($unitId: ID!, $year: Int!, $responses: [[Int!]!]!) {\n    submitSatisfactionSurvey(unitId: $unitId, year: $year, responses: $responses) {\n      score category categoryLabel respondents elementScores { element score }\n    }\n  }\n": typeof types.HrSubmitSurveyDocument,
    "\n  query HrPeriods($year: Int!) {\n    performancePeriods(year: $year) { id kind number startsOn endsOn }\n  }\n": typeof types.HrPeriodsDocument,
    "\n  query Me {\n    me {\n      roles\n      emailNotifications\n      user { id username }\n      employee { id name nip unit { id name } position { title } }\n      rater { id name }\n      raterSupervisor { id name }\n      subordinates { id name }\n      managedUnits { id name code }\n    }\n  }\n": typeof types.MeDocument,
};
const documents: Documents = {
    "\n  subscription DailyReminders {\n    dailyReminders { kind date hasDraft entriesWaiting employeesWaiting }\n  }\n": types.DailyRemindersDocument,
    "\n  fragment DocumentFields on Document { url filename contentType }\n": types.DocumentFieldsFragmentDoc,
    "\n  query EvaluationSummaryEvaluation($id: ID!) {\n    evaluation(id: $id) {\n      id status selfNotes resultRating behaviorRating predicate feedback behaviorFeedback resultFeedback\n      period { id kind number startsOn endsOn }\n      ratedBy { id name }\n      plan {\n        id year\n        employee { id name position { title } }\n        workResults { id text indicators { id aspect text target unit } }\n      }\n      suggestedRealizations { indicator { id } value outputUnit entries }\n      realizations {\n        id value note evidenceLinks deviationReason\n        indicator { id }\n        evidenceFiles { id name url contentType size }\n      }\n    }\n  }\n": types.EvaluationSummaryEvaluationDocument,
    "\n  query OpenTaskCount {\n    tasks(first: 1, filter: { mine: true, state: READY }) { totalCount }\n  }\n": types.OpenTaskCountDocument,
    "\n  subscription TaskEvents {\n    taskEvents { kind taskId name bpmnId processInstanceId subjectName }\n  }\n": types.TaskEventsDocument,
    "\n  query DailyReviewCount {\n    dailyReviewQueue { waiting employee { id } }\n  }\n": types.DailyReviewCountDocument,
    "\n  mutation Logout { logout }\n": types.LogoutDocument,
    "\n  query PlanSummaryPlan($id: ID!) {\n    performancePlan(id: $id) {\n      id year status revisionNotes isOverdue\n      employee { id name position { title } unit { name } }\n      rater { id name }\n      raterSupervisor { id name }\n      workResults {\n        id text type\n        orgGoal { id text }\n        parents { id text }\n        indicators { id aspect text target unit }\n      }\n      history { kind actor { id username } data createdAt }\n    }\n  }\n": types.PlanSummaryPlanDocument,
    "\n  query EvaluationPageEvaluation($id: ID!) {\n    evaluation(id: $id) {\n      id status selfNotes resultRating behaviorRating predicate feedback behaviorFeedback resultFeedback finalizedAt\n      period { id kind number startsOn endsOn }\n      document { ...DocumentFields }\n      ratedBy { id name }\n      approvedBy { id name }\n      plan {\n        id year\n        employee { id name position { title } }\n        rater { id name }\n        raterSupervisor { id name }\n        workResults { id text type indicators { id aspect text target unit kind } }\n      }\n      processInstance { id activeTasks { id bpmnId name assignee { id } candidates { id } } }\n      realizations {\n        id value note evidenceLinks recordedAt deviationReason\n        indicator { id }\n        evidenceFiles { id name url contentType size }\n      }\n      suggestedRealizations { indicator { id } value outputUnit entries }\n    }\n  }\n": types.EvaluationPageEvaluationDocument,
    "\n  query EvaluationPagePeriodic($planId: ID!) {\n    evaluations(planId: $planId) {\n      id status resultRating behaviorRating predicate\n      period { id kind number }\n    }\n  }\n": types.EvaluationPagePeriodicDocument,
    "\n  query EvaluationPagePredicatePreview($resultRating: Rating!, $behaviorRating: Rating!) {\n    predicatePreview(resultRating: $resultRating, behaviorRating: $behaviorRating)\n  }\n": types.EvaluationPagePredicatePreviewDocument,
    "\n  subscription EvaluationPageProgress($planId: ID!) {\n    planProgress(planId: $planId) { planId kind status }\n  }\n": types.EvaluationPageProgressDocument,
    "\n  mutation EvaluationPageRecordRealization($indicatorId: ID!, $periodId: ID!, $value: String!, $note: String!,\n                                           $evidenceLinks: [String!], $evidenceFiles: [Upload!], $deviationReason: String) {\n    recordRealization(indicatorId: $indicatorId, periodId: $periodId, value: $value, note: $note,\n                      evidenceLinks: $evidenceLinks, evidenceFiles: $evidenceFiles, deviationReason: $deviationReason) {\n      id value note evidenceLinks deviationReason evidenceFiles { id name url }\n    }\n  }\n": types.EvaluationPageRecordRealizationDocument,
    "\n  mutation EvaluationPageRate($evaluationId: ID!, $resultRating: Rating!, $behaviorRating: Rating!, $feedback: String!,\n                              $behaviorFeedback: JSON, $workResultFeedback: [WorkResultFeedbackInput!]) {\n    rateEvaluation(evaluationId: $evaluationId, resultRating: $resultRating, behaviorRating: $behaviorRating,\n                   feedback: $feedback, behaviorFeedback: $behaviorFeedback, workResultFeedback: $workResultFeedback) {\n      id resultRating behaviorRating predicate feedback behaviorFeedback resultFeedback\n    }\n  }\n": types.EvaluationPageRateDocument,
    "\n  mutation EvaluationPageCompleteTask($id: ID!, $data: JSON!) {\n    completeTask(id: $id, data: $data) { task { id state } }\n  }\n": types.EvaluationPageCompleteTaskDocument,
    "\n  query EvaluationsMyPlan($year: Int!) {\n    myPlan(year: $year) { id year status employee { id name } }\n  }\n": types.EvaluationsMyPlanDocument,
    "\n  query EvaluationsPlan($id: ID!) {\n    performancePlan(id: $id) { id year status employee { id name } }\n  }\n": types.EvaluationsPlanDocument,
    "\n  query EvaluationsList($planId: ID!) {\n    evaluations(planId: $planId) {\n      id status predicate resultRating behaviorRating finalizedAt\n      period { id kind number startsOn endsOn }\n      processInstance { id activeTasks { id name bpmnId } }\n    }\n  }\n": types.EvaluationsListDocument,
    "\n  query HomeTasks {\n    tasks(first: 10, filter: { mine: true }) {\n      totalCount\n      edges { node { id name dueAt assignee { id name } processInstance { id key definition { id name } subject { id name } } } }\n    }\n  }\n": types.HomeTasksDocument,
    "\n  query HomeYear($year: Int!) {\n    myPlan(year: $year) { id status isOverdue revisionNotes rater { id name } approvedAt }\n    myProgress(year: $year) { workResultText target realization percent indicator { id text aspect } }\n  }\n": types.HomeYearDocument,
    "\n  query HrUnits($withinId: ID!) {\n    orgUnits(first: 100, filter: { withinId: $withinId }) {\n      totalCount\n      edges { node { id name code depth } }\n    }\n  }\n": types.HrUnitsDocument,
    "\n  query InboxTasks($filter: TaskFilter, $first: Int, $after: String, $last: Int, $before: String) {\n    tasks(filter: $filter, first: $first, after: $after, last: $last, before: $before) {\n      totalCount\n      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n      edges {\n        node {\n          id name state dueAt createdAt\n          assignee { id name }\n          candidates { id }\n          processInstance { id key definition { id name } subject { id name } }\n        }\n      }\n    }\n  }\n": types.InboxTasksDocument,
    "\n  query InboxProcesses {\n    processDefinitions { id key name status }\n  }\n": types.InboxProcessesDocument,
    "\n  mutation InboxClaim($id: ID!) { claimTask(id: $id) { id assignee { id name } } }\n": types.InboxClaimDocument,
    "\n  mutation InboxUnclaim($id: ID!) { unclaimTask(id: $id) { id assignee { id name } } }\n": types.InboxUnclaimDocument,
    "\n  mutation Login($username: String!, $password: String!) {\n    login(username: $username, password: $password) { user { id username } }\n  }\n": types.LoginDocument,
    "\n  fragment MyPlanFields on PerformancePlan {\n    id year status revisionNotes isOverdue attachments approvedAt\n    employee { id name nip position { title } unit { id name } }\n    rater { id name }\n    raterSupervisor { id name }\n    workResults {\n      id text type position\n      orgGoal { id text }\n      parents { id text }\n      indicators { id aspect text target unit kind }\n    }\n    behaviorExpectations { coreValue text }\n    history { kind actor { id username } data createdAt }\n    processInstance { id activeTasks { id bpmnId name assignee { id } candidates { id } } }\n    supervisorWorkResults { id text }\n    document { ...DocumentFields }\n  }\n": types.MyPlanFieldsFragmentDoc,
    "\n  query MyPlanMine($year: Int!) {\n    myPlan(year: $year) { ...MyPlanFields }\n  }\n": types.MyPlanMineDocument,
    "\n  query MyPlanById($id: ID!) {\n    performancePlan(id: $id) { ...MyPlanFields }\n  }\n": types.MyPlanByIdDocument,
    "\n  query MyPlanOrgGoals($unitId: ID!, $year: Int!) {\n    orgGoals(unitId: $unitId, year: $year) { id text }\n  }\n": types.MyPlanOrgGoalsDocument,
    "\n  subscription MyPlanProgress($planId: ID!) {\n    planProgress(planId: $planId) { planId kind status }\n  }\n": types.MyPlanProgressDocument,
    "\n  mutation MyPlanUpsertWorkResult($planId: ID!, $input: WorkResultInput!) {\n    upsertWorkResult(planId: $planId, input: $input) { id }\n  }\n": types.MyPlanUpsertWorkResultDocument,
    "\n  mutation MyPlanDeleteWorkResult($id: ID!) {\n    deleteWorkResult(id: $id)\n  }\n": types.MyPlanDeleteWorkResultDocument,
    "\n  mutation MyPlanSetAttachments($planId: ID!, $resources: [String!]!, $accountability: [String!]!, $consequences: [String!]!) {\n    setPlanAttachments(planId: $planId, resources: $resources, accountability: $accountability, consequences: $consequences) {\n      id attachments\n    }\n  }\n": types.MyPlanSetAttachmentsDocument,
    "\n  mutation MyPlanCompleteTask($id: ID!, $data: JSON!) {\n    completeTask(id: $id, data: $data) { task { id state } }\n  }\n": types.MyPlanCompleteTaskDocument,
    "\n  query TaskPageTask($id: ID!) {\n    task(id: $id) {\n      id name state instructions dueAt createdAt completedAt\n      completedBy { id username }\n      assignee { id name }\n      candidates { id name }\n      data\n      form { schema uiSchema }\n      processInstance {\n        id key status\n        definition { id name }\n        subject { id name position { title } unit { name } }\n        plan { id }\n        evaluation { id }\n        actionPlan { id period { kind number year } }\n        history { id kind outcome createdAt actor { id username } task { id name } }\n      }\n    }\n  }\n": types.TaskPageTaskDocument,
    "\n  mutation TaskPageSaveDraft($id: ID!, $data: JSON!) {\n    saveTaskDraft(id: $id, data: $data) { id data }\n  }\n": types.TaskPageSaveDraftDocument,
    "\n  mutation TaskPageComplete($id: ID!, $data: JSON!) {\n    completeTask(id: $id, data: $data) {\n      task { id state data completedAt completedBy { id username } }\n      processInstance { id status }\n      nextTasks { id name dueAt assignee { id name } processInstance { id subject { id name } } }\n    }\n  }\n": types.TaskPageCompleteDocument,
    "\n  query TeamPlans($year: Int!) {\n    performancePlans(filter: { year: $year }, first: 100) {\n      totalCount\n      edges {\n        node {\n          id status isOverdue\n          employee { id name position { title } }\n          rater { id name }\n          document { ...DocumentFields }\n          processInstance { id activeTasks { id name bpmnId assignee { id } candidates { id } } }\n        }\n      }\n    }\n  }\n": types.TeamPlansDocument,
    "\n  query TeamEvaluations($planId: ID!) {\n    evaluations(planId: $planId) {\n      id status predicate\n      period { id kind number }\n      processInstance { id activeTasks { id name bpmnId assignee { id } candidates { id } } }\n    }\n  }\n": types.TeamEvaluationsDocument,
    "\n  fragment ActionPlanFields on ActionPlan {\n    id status revisionNotes approvedAt createdAt\n    approvedBy { id name }\n    period { id kind number startsOn endsOn }\n    plan { id year employee { id name position { title } } workResults { id text } }\n    items { id text target unit position workResult { id text } }\n    processInstance { id status activeTasks { id bpmnId name assignee { id name } } }\n  }\n": types.ActionPlanFieldsFragmentDoc,
    "\n  query ActionPlanSkp($year: Int!) {\n    myPlan(year: $year) { id year status }\n  }\n": types.ActionPlanSkpDocument,
    "\n  query ActionPlans($planId: ID!) {\n    actionPlans(planId: $planId) { ...ActionPlanFields }\n  }\n": types.ActionPlansDocument,
    "\n  query ActionPlanOne($id: ID!) {\n    actionPlan(id: $id) { ...ActionPlanFields }\n  }\n": types.ActionPlanOneDocument,
    "\n  query ActionPlanTasks {\n    tasks(first: 100, filter: { mine: true, state: READY }) {\n      edges { node { id name bpmnId processInstance { id key subject { id name } actionPlan { id } } } }\n    }\n  }\n": types.ActionPlanTasksDocument,
    "\n  mutation UpsertActionItem($actionPlanId: ID!, $input: ActionItemInput!) {\n    upsertActionItem(actionPlanId: $actionPlanId, input: $input) { id text target unit position workResult { id text } }\n  }\n": types.UpsertActionItemDocument,
    "\n  mutation DeleteActionItem($id: ID!) { deleteActionItem(id: $id) }\n": types.DeleteActionItemDocument,
    "\n  fragment LeaveFields on Leave {\n    id startsOn endsOn kind status note decisionNote decidedAt createdAt\n    employee { id name position { title } }\n    decidedBy { id name }\n  }\n": types.LeaveFieldsFragmentDoc,
    "\n  query MyLeaves($employeeId: ID!) {\n    leaves(first: 50, employeeId: $employeeId) {\n      totalCount\n      edges { node { ...LeaveFields } }\n    }\n  }\n": types.MyLeavesDocument,
    "\n  query PendingLeaves {\n    leaves(first: 100, status: PENDING) {\n      edges { node { ...LeaveFields } }\n    }\n  }\n": types.PendingLeavesDocument,
    "\n  mutation RequestLeave($startsOn: Date!, $endsOn: Date!, $kind: LeaveKind!, $note: String!) {\n    requestLeave(startsOn: $startsOn, endsOn: $endsOn, kind: $kind, note: $note) { ...LeaveFields }\n  }\n": types.RequestLeaveDocument,
    "\n  mutation CancelLeave($id: ID!) { cancelLeave(leaveId: $id) }\n": types.CancelLeaveDocument,
    "\n  mutation DecideLeave($id: ID!, $approve: Boolean!, $note: String!) {\n    decideLeave(leaveId: $id, approve: $approve, note: $note) { ...LeaveFields }\n  }\n": types.DecideLeaveDocument,
    "\n  fragment DailyEntryFields on DailyEntry {\n    id date text quantity outputUnit minutes evidenceLink status lateDays returnNote reviewedAt\n    workResult { id text }\n    actionItem { id text }\n    evidenceFiles { id name size url }\n    reviewedBy { id name }\n  }\n": types.DailyEntryFieldsFragmentDoc,
    "\n  query DailyPlan($year: Int!) {\n    myPlan(year: $year) {\n      id year status\n      workResults { id text type indicators { id aspect unit } }\n    }\n  }\n": types.DailyPlanDocument,
    "\n  query DailyActions($planId: ID!) {\n    actionPlans(planId: $planId) {\n      id status\n      period { id startsOn endsOn }\n      items { id text target unit workResult { id } }\n    }\n  }\n": types.DailyActionsDocument,
    "\n  query DailyRecent($employeeId: ID!) {\n    dailyEntries(first: 30, filter: { employeeId: $employeeId }) {\n      edges { node { id workResult { id } outputUnit } }\n    }\n  }\n": types.DailyRecentDocument,
    "\n  query DailyWeek($date: Date!) {\n    dailyWeek(date: $date) {\n      start\n      days {\n        date isWorkingDay holiday isWeekend isExcused isClosed deadline isFilled isMissing lateDays\n        entries { ...DailyEntryFields }\n      }\n    }\n  }\n": types.DailyWeekDocument,
    "\n  mutation RecordDailyEntry($input: RecordDailyEntryInput!) {\n    recordDailyEntry(input: $input) { ...DailyEntryFields }\n  }\n": types.RecordDailyEntryDocument,
    "\n  mutation SubmitDailyEntries($ids: [ID!]!) {\n    submitDailyEntries(ids: $ids) { id status lateDays }\n  }\n": types.SubmitDailyEntriesDocument,
    "\n  mutation DeleteDailyEntry($id: ID!) { deleteDailyEntry(id: $id) }\n": types.DeleteDailyEntryDocument,
    "\n  query DailyReviewQueue {\n    dailyReviewQueue { waiting oldestDate employee { id name position { title } } }\n  }\n": types.DailyReviewQueueDocument,
    "\n  query DailyReviewEntries($employeeId: ID!) {\n    employee(id: $employeeId) { id name }\n    dailyEntries(first: 100, filter: { employeeId: $employeeId, status: SUBMITTED }) {\n      totalCount\n      edges { node { ...DailyEntryFields } }\n    }\n  }\n": types.DailyReviewEntriesDocument,
    "\n  query DailyReviewTeamEntries {\n    dailyEntries(first: 100, filter: { awaitingMyReview: true }) {\n      totalCount\n      edges { node { ...DailyEntryFields employee { id name } } }\n    }\n  }\n": types.DailyReviewTeamEntriesDocument,
    "\n  mutation ReviewDailyEntries($approve: [ID!], $returns: [ReturnEntryInput!]) {\n    reviewDailyEntries(approve: $approve, returns: $returns) {\n      changed { id status returnNote reviewedAt }\n      errors { entryId code message }\n    }\n  }\n": types.ReviewDailyEntriesDocument,
    "\n  query HrHolidays($year: Int!) {\n    holidays(year: $year) { date name kind }\n  }\n": types.HrHolidaysDocument,
    "\n  mutation HrSetHoliday($date: Date!, $name: String!, $kind: HolidayKind!) {\n    setHoliday(date: $date, name: $name, kind: $kind) { date name kind }\n  }\n": types.HrSetHolidayDocument,
    "\n  mutation HrDeleteHoliday($date: Date!) {\n    deleteHoliday(date: $date)\n  }\n": types.HrDeleteHolidayDocument,
    "\n  query HrUnitSchedule($unitId: ID!) {\n    unitSchedule(unitId: $unitId) { workingDays timeZone unit { id } definedBy { id name } }\n  }\n": types.HrUnitScheduleDocument,
    "\n  mutation HrSetUnitSchedule($unitId: ID!, $workingDays: Int!, $timeZone: UnitTimeZone!) {\n    setUnitSchedule(unitId: $unitId, workingDays: $workingDays, timeZone: $timeZone) {\n      workingDays timeZone unit { id } definedBy { id name }\n    }\n  }\n": types.HrSetUnitScheduleDocument,
    "\n  query HrUnitEmployees($unitId: ID!, $search: String) {\n    employees(first: 100, filter: { unitId: $unitId, search: $search }) {\n      totalCount\n      edges { node { id name unit { id name } } }\n    }\n  }\n": types.HrUnitEmployeesDocument,
    "\n  query HrLeaves($unitId: ID!, $first: Int!, $after: String) {\n    leaves(unitId: $unitId, first: $first, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges {\n        node { id startsOn endsOn kind status note createdAt employee { id name unit { id name } } decidedBy { id name } }\n      }\n    }\n  }\n": types.HrLeavesDocument,
    "\n  mutation HrRecordLeave($employeeId: ID!, $startsOn: Date!, $endsOn: Date!, $kind: LeaveKind!, $note: String!) {\n    recordLeave(employeeId: $employeeId, startsOn: $startsOn, endsOn: $endsOn, kind: $kind, note: $note) {\n      id startsOn endsOn kind status note\n    }\n  }\n": types.HrRecordLeaveDocument,
    "\n  mutation HrCancelLeave($id: ID!) {\n    cancelLeave(leaveId: $id)\n  }\n": types.HrCancelLeaveDocument,
    "\n  query HrDashboard($unitId: ID!, $year: Int!) {\n    unitPerformance(unitId: $unitId, year: $year) {\n      plansByStatus { status count }\n      overduePlans\n      predicateDistribution { predicate count percent }\n      satisfaction { score category categoryLabel respondents }\n      meetingsHeld\n    }\n    recap: performanceRecap(unitId: $unitId, year: $year) { ...DocumentFields }\n  }\n": types.HrDashboardDocument,
    "\n  query HrDistribution($unitId: ID!, $year: Int!, $periodId: ID!) {\n    distributionCheck(unitId: $unitId, periodId: $periodId) {\n      orgRating\n      counts { predicate count percent }\n      violations { rule message }\n    }\n    periodRecap: performanceRecap(unitId: $unitId, year: $year, periodId: $periodId) { ...DocumentFields }\n    predicates: predicateDetermination(unitId: $unitId, periodId: $periodId) { ...DocumentFields }\n  }\n": types.HrDistributionDocument,
    "\n  query HrDiscipline($unitId: ID!, $year: Int!, $month: Int!, $first: Int!, $after: String) {\n    discipline(unitId: $unitId, year: $year, month: $month, first: $first, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges {\n        node {\n          employee { id name unit { id name } }\n          workingDays onTime late missing excused pending percentOnTime\n        }\n      }\n    }\n    disciplineExport(unitId: $unitId, year: $year, month: $month) { ...DocumentFields }\n  }\n": types.HrDisciplineDocument,
    "\n  query HrMonthClosure($unitId: ID!, $year: Int!, $month: Int!) {\n    monthClosure(unitId: $unitId, year: $year, month: $month) { year month closedAt unit { id name } closedBy { id name } }\n  }\n": types.HrMonthClosureDocument,
    "\n  mutation HrCloseMonth($unitId: ID!, $year: Int!, $month: Int!) {\n    closeMonth(unitId: $unitId, year: $year, month: $month) { year month closedAt unit { id name } }\n  }\n": types.HrCloseMonthDocument,
    "\n  mutation HrReopenMonth($unitId: ID!, $year: Int!, $month: Int!) {\n    reopenMonth(unitId: $unitId, year: $year, month: $month)\n  }\n": types.HrReopenMonthDocument,
    "\n  query HrGoals($unitId: ID!, $year: Int!) {\n    orgGoals(unitId: $unitId, year: $year) { id text source indicator target unit { id name } }\n  }\n": types.HrGoalsDocument,
    "\n  mutation HrUpsertGoal($unitId: ID!, $year: Int!, $text: String!, $id: ID, $source: GoalSource, $indicator: String!, $target: String!) {\n    upsertOrgGoal(unitId: $unitId, year: $year, text: $text, id: $id, source: $source, indicator: $indicator, target: $target) {\n      id text source indicator target unit { id name }\n    }\n  }\n": types.HrUpsertGoalDocument,
    "\n  mutation HrImportOrganization($unitsCsv: String!, $employeesCsv: String!) {\n    importOrganization(unitsCsv: $unitsCsv, employeesCsv: $employeesCsv) {\n      unitsCreated unitsUpdated employeesCreated employeesUpdated accountsCreated\n    }\n  }\n": types.HrImportOrganizationDocument,
    "\n  mutation HrOpenYear($year: Int!, $unitId: ID!) {\n    openPerformanceYear(year: $year, unitId: $unitId) { id kind status progress total errors createdAt finishedAt }\n  }\n": types.HrOpenYearDocument,
    "\n  mutation HrOpenPeriod($periodId: ID!, $unitId: ID!) {\n    openReviewPeriod(periodId: $periodId, unitId: $unitId) { id kind status progress total errors createdAt finishedAt }\n  }\n": types.HrOpenPeriodDocument,
    "\n  query HrJob($id: ID!) {\n    job(id: $id) { id kind status progress total errors createdAt finishedAt }\n  }\n": types.HrJobDocument,
    "\n  query HrCurrentRating($unitId: ID!, $periodId: ID!) {\n    distributionCheck(unitId: $unitId, periodId: $periodId) { orgRating }\n  }\n": types.HrCurrentRatingDocument,
    "\n  mutation HrSetOrgRating($unitId: ID!, $periodId: ID!, $rating: OrgRating!) {\n    setOrgRating(unitId: $unitId, periodId: $periodId, rating: $rating)\n  }\n": types.HrSetOrgRatingDocument,
    "\n  query HrSatisfaction($unitId: ID!, $year: Int!) {\n    satisfactionIndex(unitId: $unitId, year: $year) { score category categoryLabel respondents elementScores { element score } }\n  }\n": types.HrSatisfactionDocument,
    "\n  mutation HrSubmitSurvey($unitId: ID!, $year: Int!, $responses: [[Int!]!]!) {\n    submitSatisfactionSurvey(unitId: $unitId, year: $year, responses: $responses) {\n      score category categoryLabel respondents elementScores { element score }\n    }\n  }\n": types.HrSubmitSurveyDocument,
    "\n  query HrPeriods($year: Int!) {\n    performancePeriods(year: $year) { id kind number startsOn endsOn }\n  }\n": types.HrPeriodsDocument,
    "\n  query Me {\n    me {\n      roles\n      emailNotifications\n      user { id username }\n      employee { id name nip unit { id name } position { title } }\n      rater { id name }\n      raterSupervisor { id name }\n      subordinates { id name }\n      managedUnits { id name code }\n    }\n  }\n": types.MeDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription DailyReminders {\n    dailyReminders { kind date hasDraft entriesWaiting employeesWaiting }\n  }\n"): (typeof documents)["\n  subscription DailyReminders {\n    dailyReminders { kind date hasDraft entriesWaiting employeesWaiting }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment DocumentFields on Document { url filename contentType }\n"): (typeof documents)["\n  fragment DocumentFields on Document { url filename contentType }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query EvaluationSummaryEvaluation($id: ID!) {\n    evaluation(id: $id) {\n      id status selfNotes resultRating behaviorRating predicate feedback behaviorFeedback resultFeedback\n      period { id kind number startsOn endsOn }\n      ratedBy { id name }\n      plan {\n        id year\n        employee { id name position { title } }\n        workResults { id text indicators { id aspect text target unit } }\n      }\n      suggestedRealizations { indicator { id } value outputUnit entries }\n      realizations {\n        id value note evidenceLinks deviationReason\n        indicator { id }\n        evidenceFiles { id name url contentType size }\n      }\n    }\n  }\n"): (typeof documents)["\n  query EvaluationSummaryEvaluation($id: ID!) {\n    evaluation(id: $id) {\n      id status selfNotes resultRating behaviorRating predicate feedback behaviorFeedback resultFeedback\n      period { id kind number startsOn endsOn }\n      ratedBy { id name }\n      plan {\n        id year\n        employee { id name position { title } }\n        workResults { id text indicators { id aspect text target unit } }\n      }\n      suggestedRealizations { indicator { id } value outputUnit entries }\n      realizations {\n        id value note evidenceLinks deviationReason\n        indicator { id }\n        evidenceFiles { id name url contentType size }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OpenTaskCount {\n    tasks(first: 1, filter: { mine: true, state: READY }) { totalCount }\n  }\n"): (typeof documents)["\n  query OpenTaskCount {\n    tasks(first: 1, filter: { mine: true, state: READY }) { totalCount }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription TaskEvents {\n    taskEvents { kind taskId name bpmnId processInstanceId subjectName }\n  }\n"): (typeof documents)["\n  subscription TaskEvents {\n    taskEvents { kind taskId name bpmnId processInstanceId subjectName }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DailyReviewCount {\n    dailyReviewQueue { waiting employee { id } }\n  }\n"): (typeof documents)["\n  query DailyReviewCount {\n    dailyReviewQueue { waiting employee { id } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Logout { logout }\n"): (typeof documents)["\n  mutation Logout { logout }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PlanSummaryPlan($id: ID!) {\n    performancePlan(id: $id) {\n      id year status revisionNotes isOverdue\n      employee { id name position { title } unit { name } }\n      rater { id name }\n      raterSupervisor { id name }\n      workResults {\n        id text type\n        orgGoal { id text }\n        parents { id text }\n        indicators { id aspect text target unit }\n      }\n      history { kind actor { id username } data createdAt }\n    }\n  }\n"): (typeof documents)["\n  query PlanSummaryPlan($id: ID!) {\n    performancePlan(id: $id) {\n      id year status revisionNotes isOverdue\n      employee { id name position { title } unit { name } }\n      rater { id name }\n      raterSupervisor { id name }\n      workResults {\n        id text type\n        orgGoal { id text }\n        parents { id text }\n        indicators { id aspect text target unit }\n      }\n      history { kind actor { id username } data createdAt }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query EvaluationPageEvaluation($id: ID!) {\n    evaluation(id: $id) {\n      id status selfNotes resultRating behaviorRating predicate feedback behaviorFeedback resultFeedback finalizedAt\n      period { id kind number startsOn endsOn }\n      document { ...DocumentFields }\n      ratedBy { id name }\n      approvedBy { id name }\n      plan {\n        id year\n        employee { id name position { title } }\n        rater { id name }\n        raterSupervisor { id name }\n        workResults { id text type indicators { id aspect text target unit kind } }\n      }\n      processInstance { id activeTasks { id bpmnId name assignee { id } candidates { id } } }\n      realizations {\n        id value note evidenceLinks recordedAt deviationReason\n        indicator { id }\n        evidenceFiles { id name url contentType size }\n      }\n      suggestedRealizations { indicator { id } value outputUnit entries }\n    }\n  }\n"): (typeof documents)["\n  query EvaluationPageEvaluation($id: ID!) {\n    evaluation(id: $id) {\n      id status selfNotes resultRating behaviorRating predicate feedback behaviorFeedback resultFeedback finalizedAt\n      period { id kind number startsOn endsOn }\n      document { ...DocumentFields }\n      ratedBy { id name }\n      approvedBy { id name }\n      plan {\n        id year\n        employee { id name position { title } }\n        rater { id name }\n        raterSupervisor { id name }\n        workResults { id text type indicators { id aspect text target unit kind } }\n      }\n      processInstance { id activeTasks { id bpmnId name assignee { id } candidates { id } } }\n      realizations {\n        id value note evidenceLinks recordedAt deviationReason\n        indicator { id }\n        evidenceFiles { id name url contentType size }\n      }\n      suggestedRealizations { indicator { id } value outputUnit entries }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query EvaluationPagePeriodic($planId: ID!) {\n    evaluations(planId: $planId) {\n      id status resultRating behaviorRating predicate\n      period { id kind number }\n    }\n  }\n"): (typeof documents)["\n  query EvaluationPagePeriodic($planId: ID!) {\n    evaluations(planId: $planId) {\n      id status resultRating behaviorRating predicate\n      period { id kind number }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query EvaluationPagePredicatePreview($resultRating: Rating!, $behaviorRating: Rating!) {\n    predicatePreview(resultRating: $resultRating, behaviorRating: $behaviorRating)\n  }\n"): (typeof documents)["\n  query EvaluationPagePredicatePreview($resultRating: Rating!, $behaviorRating: Rating!) {\n    predicatePreview(resultRating: $resultRating, behaviorRating: $behaviorRating)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription EvaluationPageProgress($planId: ID!) {\n    planProgress(planId: $planId) { planId kind status }\n  }\n"): (typeof documents)["\n  subscription EvaluationPageProgress($planId: ID!) {\n    planProgress(planId: $planId) { planId kind status }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation EvaluationPageRecordRealization($indicatorId: ID!, $periodId: ID!, $value: String!, $note: String!,\n                                           $evidenceLinks: [String!], $evidenceFiles: [Upload!], $deviationReason: String) {\n    recordRealization(indicatorId: $indicatorId, periodId: $periodId, value: $value, note: $note,\n                      evidenceLinks: $evidenceLinks, evidenceFiles: $evidenceFiles, deviationReason: $deviationReason) {\n      id value note evidenceLinks deviationReason evidenceFiles { id name url }\n    }\n  }\n"): (typeof documents)["\n  mutation EvaluationPageRecordRealization($indicatorId: ID!, $periodId: ID!, $value: String!, $note: String!,\n                                           $evidenceLinks: [String!], $evidenceFiles: [Upload!], $deviationReason: String) {\n    recordRealization(indicatorId: $indicatorId, periodId: $periodId, value: $value, note: $note,\n                      evidenceLinks: $evidenceLinks, evidenceFiles: $evidenceFiles, deviationReason: $deviationReason) {\n      id value note evidenceLinks deviationReason evidenceFiles { id name url }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation EvaluationPageRate($evaluationId: ID!, $resultRating: Rating!, $behaviorRating: Rating!, $feedback: String!,\n                              $behaviorFeedback: JSON, $workResultFeedback: [WorkResultFeedbackInput!]) {\n    rateEvaluation(evaluationId: $evaluationId, resultRating: $resultRating, behaviorRating: $behaviorRating,\n                   feedback: $feedback, behaviorFeedback: $behaviorFeedback, workResultFeedback: $workResultFeedback) {\n      id resultRating behaviorRating predicate feedback behaviorFeedback resultFeedback\n    }\n  }\n"): (typeof documents)["\n  mutation EvaluationPageRate($evaluationId: ID!, $resultRating: Rating!, $behaviorRating: Rating!, $feedback: String!,\n                              $behaviorFeedback: JSON, $workResultFeedback: [WorkResultFeedbackInput!]) {\n    rateEvaluation(evaluationId: $evaluationId, resultRating: $resultRating, behaviorRating: $behaviorRating,\n                   feedback: $feedback, behaviorFeedback: $behaviorFeedback, workResultFeedback: $workResultFeedback) {\n      id resultRating behaviorRating predicate feedback behaviorFeedback resultFeedback\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation EvaluationPageCompleteTask($id: ID!, $data: JSON!) {\n    completeTask(id: $id, data: $data) { task { id state } }\n  }\n"): (typeof documents)["\n  mutation EvaluationPageCompleteTask($id: ID!, $data: JSON!) {\n    completeTask(id: $id, data: $data) { task { id state } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query EvaluationsMyPlan($year: Int!) {\n    myPlan(year: $year) { id year status employee { id name } }\n  }\n"): (typeof documents)["\n  query EvaluationsMyPlan($year: Int!) {\n    myPlan(year: $year) { id year status employee { id name } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query EvaluationsPlan($id: ID!) {\n    performancePlan(id: $id) { id year status employee { id name } }\n  }\n"): (typeof documents)["\n  query EvaluationsPlan($id: ID!) {\n    performancePlan(id: $id) { id year status employee { id name } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query EvaluationsList($planId: ID!) {\n    evaluations(planId: $planId) {\n      id status predicate resultRating behaviorRating finalizedAt\n      period { id kind number startsOn endsOn }\n      processInstance { id activeTasks { id name bpmnId } }\n    }\n  }\n"): (typeof documents)["\n  query EvaluationsList($planId: ID!) {\n    evaluations(planId: $planId) {\n      id status predicate resultRating behaviorRating finalizedAt\n      period { id kind number startsOn endsOn }\n      processInstance { id activeTasks { id name bpmnId } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query HomeTasks {\n    tasks(first: 10, filter: { mine: true }) {\n      totalCount\n      edges { node { id name dueAt assignee { id name } processInstance { id key definition { id name } subject { id name } } } }\n    }\n  }\n"): (typeof documents)["\n  query HomeTasks {\n    tasks(first: 10, filter: { mine: true }) {\n      totalCount\n      edges { node { id name dueAt assignee { id name } processInstance { id key definition { id name } subject { id name } } } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query HomeYear($year: Int!) {\n    myPlan(year: $year) { id status isOverdue revisionNotes rater { id name } approvedAt }\n    myProgress(year: $year) { workResultText target realization percent indicator { id text aspect } }\n  }\n"): (typeof documents)["\n  query HomeYear($year: Int!) {\n    myPlan(year: $year) { id status isOverdue revisionNotes rater { id name } approvedAt }\n    myProgress(year: $year) { workResultText target realization percent indicator { id text aspect } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query HrUnits($withinId: ID!) {\n    orgUnits(first: 100, filter: { withinId: $withinId }) {\n      totalCount\n      edges { node { id name code depth } }\n    }\n  }\n"): (typeof documents)["\n  query HrUnits($withinId: ID!) {\n    orgUnits(first: 100, filter: { withinId: $withinId }) {\n      totalCount\n      edges { node { id name code depth } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query InboxTasks($filter: TaskFilter, $first: Int, $after: String, $last: Int, $before: String) {\n    tasks(filter: $filter, first: $first, after: $after, last: $last, before: $before) {\n      totalCount\n      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n      edges {\n        node {\n          id name state dueAt createdAt\n          assignee { id name }\n          candidates { id }\n          processInstance { id key definition { id name } subject { id name } }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query InboxTasks($filter: TaskFilter, $first: Int, $after: String, $last: Int, $before: String) {\n    tasks(filter: $filter, first: $first, after: $after, last: $last, before: $before) {\n      totalCount\n      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n      edges {\n        node {\n          id name state dueAt createdAt\n          assignee { id name }\n          candidates { id }\n          processInstance { id key definition { id name } subject { id name } }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query InboxProcesses {\n    processDefinitions { id key name status }\n  }\n"): (typeof documents)["\n  query InboxProcesses {\n    processDefinitions { id key name status }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation InboxClaim($id: ID!) { claimTask(id: $id) { id assignee { id name } } }\n"): (typeof documents)["\n  mutation InboxClaim($id: ID!) { claimTask(id: $id) { id assignee { id name } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation InboxUnclaim($id: ID!) { unclaimTask(id: $id) { id assignee { id name } } }\n"): (typeof documents)["\n  mutation InboxUnclaim($id: ID!) { unclaimTask(id: $id) { id assignee { id name } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Login($username: String!, $password: String!) {\n    login(username: $username, password: $password) { user { id username } }\n  }\n"): (typeof documents)["\n  mutation Login($username: String!, $password: String!) {\n    login(username: $username, password: $password) { user { id username } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment MyPlanFields on PerformancePlan {\n    id year status revisionNotes isOverdue attachments approvedAt\n    employee { id name nip position { title } unit { id name } }\n    rater { id name }\n    raterSupervisor { id name }\n    workResults {\n      id text type position\n      orgGoal { id text }\n      parents { id text }\n      indicators { id aspect text target unit kind }\n    }\n    behaviorExpectations { coreValue text }\n    history { kind actor { id username } data createdAt }\n    processInstance { id activeTasks { id bpmnId name assignee { id } candidates { id } } }\n    supervisorWorkResults { id text }\n    document { ...DocumentFields }\n  }\n"): (typeof documents)["\n  fragment MyPlanFields on PerformancePlan {\n    id year status revisionNotes isOverdue attachments approvedAt\n    employee { id name nip position { title } unit { id name } }\n    rater { id name }\n    raterSupervisor { id name }\n    workResults {\n      id text type position\n      orgGoal { id text }\n      parents { id text }\n      indicators { id aspect text target unit kind }\n    }\n    behaviorExpectations { coreValue text }\n    history { kind actor { id username } data createdAt }\n    processInstance { id activeTasks { id bpmnId name assignee { id } candidates { id } } }\n    supervisorWorkResults { id text }\n    document { ...DocumentFields }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyPlanMine($year: Int!) {\n    myPlan(year: $year) { ...MyPlanFields }\n  }\n"): (typeof documents)["\n  query MyPlanMine($year: Int!) {\n    myPlan(year: $year) { ...MyPlanFields }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyPlanById($id: ID!) {\n    performancePlan(id: $id) { ...MyPlanFields }\n  }\n"): (typeof documents)["\n  query MyPlanById($id: ID!) {\n    performancePlan(id: $id) { ...MyPlanFields }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyPlanOrgGoals($unitId: ID!, $year: Int!) {\n    orgGoals(unitId: $unitId, year: $year) { id text }\n  }\n"): (typeof documents)["\n  query MyPlanOrgGoals($unitId: ID!, $year: Int!) {\n    orgGoals(unitId: $unitId, year: $year) { id text }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription MyPlanProgress($planId: ID!) {\n    planProgress(planId: $planId) { planId kind status }\n  }\n"): (typeof documents)["\n  subscription MyPlanProgress($planId: ID!) {\n    planProgress(planId: $planId) { planId kind status }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MyPlanUpsertWorkResult($planId: ID!, $input: WorkResultInput!) {\n    upsertWorkResult(planId: $planId, input: $input) { id }\n  }\n"): (typeof documents)["\n  mutation MyPlanUpsertWorkResult($planId: ID!, $input: WorkResultInput!) {\n    upsertWorkResult(planId: $planId, input: $input) { id }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MyPlanDeleteWorkResult($id: ID!) {\n    deleteWorkResult(id: $id)\n  }\n"): (typeof documents)["\n  mutation MyPlanDeleteWorkResult($id: ID!) {\n    deleteWorkResult(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MyPlanSetAttachments($planId: ID!, $resources: [String!]!, $accountability: [String!]!, $consequences: [String!]!) {\n    setPlanAttachments(planId: $planId, resources: $resources, accountability: $accountability, consequences: $consequences) {\n      id attachments\n    }\n  }\n"): (typeof documents)["\n  mutation MyPlanSetAttachments($planId: ID!, $resources: [String!]!, $accountability: [String!]!, $consequences: [String!]!) {\n    setPlanAttachments(planId: $planId, resources: $resources, accountability: $accountability, consequences: $consequences) {\n      id attachments\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MyPlanCompleteTask($id: ID!, $data: JSON!) {\n    completeTask(id: $id, data: $data) { task { id state } }\n  }\n"): (typeof documents)["\n  mutation MyPlanCompleteTask($id: ID!, $data: JSON!) {\n    completeTask(id: $id, data: $data) { task { id state } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TaskPageTask($id: ID!) {\n    task(id: $id) {\n      id name state instructions dueAt createdAt completedAt\n      completedBy { id username }\n      assignee { id name }\n      candidates { id name }\n      data\n      form { schema uiSchema }\n      processInstance {\n        id key status\n        definition { id name }\n        subject { id name position { title } unit { name } }\n        plan { id }\n        evaluation { id }\n        actionPlan { id period { kind number year } }\n        history { id kind outcome createdAt actor { id username } task { id name } }\n      }\n    }\n  }\n"): (typeof documents)["\n  query TaskPageTask($id: ID!) {\n    task(id: $id) {\n      id name state instructions dueAt createdAt completedAt\n      completedBy { id username }\n      assignee { id name }\n      candidates { id name }\n      data\n      form { schema uiSchema }\n      processInstance {\n        id key status\n        definition { id name }\n        subject { id name position { title } unit { name } }\n        plan { id }\n        evaluation { id }\n        actionPlan { id period { kind number year } }\n        history { id kind outcome createdAt actor { id username } task { id name } }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TaskPageSaveDraft($id: ID!, $data: JSON!) {\n    saveTaskDraft(id: $id, data: $data) { id data }\n  }\n"): (typeof documents)["\n  mutation TaskPageSaveDraft($id: ID!, $data: JSON!) {\n    saveTaskDraft(id: $id, data: $data) { id data }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TaskPageComplete($id: ID!, $data: JSON!) {\n    completeTask(id: $id, data: $data) {\n      task { id state data completedAt completedBy { id username } }\n      processInstance { id status }\n      nextTasks { id name dueAt assignee { id name } processInstance { id subject { id name } } }\n    }\n  }\n"): (typeof documents)["\n  mutation TaskPageComplete($id: ID!, $data: JSON!) {\n    completeTask(id: $id, data: $data) {\n      task { id state data completedAt completedBy { id username } }\n      processInstance { id status }\n      nextTasks { id name dueAt assignee { id name } processInstance { id subject { id name } } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TeamPlans($year: Int!) {\n    performancePlans(filter: { year: $year }, first: 100) {\n      totalCount\n      edges {\n        node {\n          id status isOverdue\n          employee { id name position { title } }\n          rater { id name }\n          document { ...DocumentFields }\n          processInstance { id activeTasks { id name bpmnId assignee { id } candidates { id } } }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query TeamPlans($year: Int!) {\n    performancePlans(filter: { year: $year }, first: 100) {\n      totalCount\n      edges {\n        node {\n          id status isOverdue\n          employee { id name position { title } }\n          rater { id name }\n          document { ...DocumentFields }\n          processInstance { id activeTasks { id name bpmnId assignee { id } candidates { id } } }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TeamEvaluations($planId: ID!) {\n    evaluations(planId: $planId) {\n      id status predicate\n      period { id kind number }\n      processInstance { id activeTasks { id name bpmnId assignee { id } candidates { id } } }\n    }\n  }\n"): (typeof documents)["\n  query TeamEvaluations($planId: ID!) {\n    evaluations(planId: $planId) {\n      id status predicate\n      period { id kind number }\n      processInstance { id activeTasks { id name bpmnId assignee { id } candidates { id } } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ActionPlanFields on ActionPlan {\n    id status revisionNotes approvedAt createdAt\n    approvedBy { id name }\n    period { id kind number startsOn endsOn }\n    plan { id year employee { id name position { title } } workResults { id text } }\n    items { id text target unit position workResult { id text } }\n    processInstance { id status activeTasks { id bpmnId name assignee { id name } } }\n  }\n"): (typeof documents)["\n  fragment ActionPlanFields on ActionPlan {\n    id status revisionNotes approvedAt createdAt\n    approvedBy { id name }\n    period { id kind number startsOn endsOn }\n    plan { id year employee { id name position { title } } workResults { id text } }\n    items { id text target unit position workResult { id text } }\n    processInstance { id status activeTasks { id bpmnId name assignee { id name } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ActionPlanSkp($year: Int!) {\n    myPlan(year: $year) { id year status }\n  }\n"): (typeof documents)["\n  query ActionPlanSkp($year: Int!) {\n    myPlan(year: $year) { id year status }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ActionPlans($planId: ID!) {\n    actionPlans(planId: $planId) { ...ActionPlanFields }\n  }\n"): (typeof documents)["\n  query ActionPlans($planId: ID!) {\n    actionPlans(planId: $planId) { ...ActionPlanFields }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ActionPlanOne($id: ID!) {\n    actionPlan(id: $id) { ...ActionPlanFields }\n  }\n"): (typeof documents)["\n  query ActionPlanOne($id: ID!) {\n    actionPlan(id: $id) { ...ActionPlanFields }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ActionPlanTasks {\n    tasks(first: 100, filter: { mine: true, state: READY }) {\n      edges { node { id name bpmnId processInstance { id key subject { id name } actionPlan { id } } } }\n    }\n  }\n"): (typeof documents)["\n  query ActionPlanTasks {\n    tasks(first: 100, filter: { mine: true, state: READY }) {\n      edges { node { id name bpmnId processInstance { id key subject { id name } actionPlan { id } } } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpsertActionItem($actionPlanId: ID!, $input: ActionItemInput!) {\n    upsertActionItem(actionPlanId: $actionPlanId, input: $input) { id text target unit position workResult { id text } }\n  }\n"): (typeof documents)["\n  mutation UpsertActionItem($actionPlanId: ID!, $input: ActionItemInput!) {\n    upsertActionItem(actionPlanId: $actionPlanId, input: $input) { id text target unit position workResult { id text } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteActionItem($id: ID!) { deleteActionItem(id: $id) }\n"): (typeof documents)["\n  mutation DeleteActionItem($id: ID!) { deleteActionItem(id: $id) }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment LeaveFields on Leave {\n    id startsOn endsOn kind status note decisionNote decidedAt createdAt\n    employee { id name position { title } }\n    decidedBy { id name }\n  }\n"): (typeof documents)["\n  fragment LeaveFields on Leave {\n    id startsOn endsOn kind status note decisionNote decidedAt createdAt\n    employee { id name position { title } }\n    decidedBy { id name }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyLeaves($employeeId: ID!) {\n    leaves(first: 50, employeeId: $employeeId) {\n      totalCount\n      edges { node { ...LeaveFields } }\n    }\n  }\n"): (typeof documents)["\n  query MyLeaves($employeeId: ID!) {\n    leaves(first: 50, employeeId: $employeeId) {\n      totalCount\n      edges { node { ...LeaveFields } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PendingLeaves {\n    leaves(first: 100, status: PENDING) {\n      edges { node { ...LeaveFields } }\n    }\n  }\n"): (typeof documents)["\n  query PendingLeaves {\n    leaves(first: 100, status: PENDING) {\n      edges { node { ...LeaveFields } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RequestLeave($startsOn: Date!, $endsOn: Date!, $kind: LeaveKind!, $note: String!) {\n    requestLeave(startsOn: $startsOn, endsOn: $endsOn, kind: $kind, note: $note) { ...LeaveFields }\n  }\n"): (typeof documents)["\n  mutation RequestLeave($startsOn: Date!, $endsOn: Date!, $kind: LeaveKind!, $note: String!) {\n    requestLeave(startsOn: $startsOn, endsOn: $endsOn, kind: $kind, note: $note) { ...LeaveFields }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CancelLeave($id: ID!) { cancelLeave(leaveId: $id) }\n"): (typeof documents)["\n  mutation CancelLeave($id: ID!) { cancelLeave(leaveId: $id) }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DecideLeave($id: ID!, $approve: Boolean!, $note: String!) {\n    decideLeave(leaveId: $id, approve: $approve, note: $note) { ...LeaveFields }\n  }\n"): (typeof documents)["\n  mutation DecideLeave($id: ID!, $approve: Boolean!, $note: String!) {\n    decideLeave(leaveId: $id, approve: $approve, note: $note) { ...LeaveFields }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment DailyEntryFields on DailyEntry {\n    id date text quantity outputUnit minutes evidenceLink status lateDays returnNote reviewedAt\n    workResult { id text }\n    actionItem { id text }\n    evidenceFiles { id name size url }\n    reviewedBy { id name }\n  }\n"): (typeof documents)["\n  fragment DailyEntryFields on DailyEntry {\n    id date text quantity outputUnit minutes evidenceLink status lateDays returnNote reviewedAt\n    workResult { id text }\n    actionItem { id text }\n    evidenceFiles { id name size url }\n    reviewedBy { id name }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DailyPlan($year: Int!) {\n    myPlan(year: $year) {\n      id year status\n      workResults { id text type indicators { id aspect unit } }\n    }\n  }\n"): (typeof documents)["\n  query DailyPlan($year: Int!) {\n    myPlan(year: $year) {\n      id year status\n      workResults { id text type indicators { id aspect unit } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DailyActions($planId: ID!) {\n    actionPlans(planId: $planId) {\n      id status\n      period { id startsOn endsOn }\n      items { id text target unit workResult { id } }\n    }\n  }\n"): (typeof documents)["\n  query DailyActions($planId: ID!) {\n    actionPlans(planId: $planId) {\n      id status\n      period { id startsOn endsOn }\n      items { id text target unit workResult { id } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DailyRecent($employeeId: ID!) {\n    dailyEntries(first: 30, filter: { employeeId: $employeeId }) {\n      edges { node { id workResult { id } outputUnit } }\n    }\n  }\n"): (typeof documents)["\n  query DailyRecent($employeeId: ID!) {\n    dailyEntries(first: 30, filter: { employeeId: $employeeId }) {\n      edges { node { id workResult { id } outputUnit } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DailyWeek($date: Date!) {\n    dailyWeek(date: $date) {\n      start\n      days {\n        date isWorkingDay holiday isWeekend isExcused isClosed deadline isFilled isMissing lateDays\n        entries { ...DailyEntryFields }\n      }\n    }\n  }\n"): (typeof documents)["\n  query DailyWeek($date: Date!) {\n    dailyWeek(date: $date) {\n      start\n      days {\n        date isWorkingDay holiday isWeekend isExcused isClosed deadline isFilled isMissing lateDays\n        entries { ...DailyEntryFields }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RecordDailyEntry($input: RecordDailyEntryInput!) {\n    recordDailyEntry(input: $input) { ...DailyEntryFields }\n  }\n"): (typeof documents)["\n  mutation RecordDailyEntry($input: RecordDailyEntryInput!) {\n    recordDailyEntry(input: $input) { ...DailyEntryFields }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SubmitDailyEntries($ids: [ID!]!) {\n    submitDailyEntries(ids: $ids) { id status lateDays }\n  }\n"): (typeof documents)["\n  mutation SubmitDailyEntries($ids: [ID!]!) {\n    submitDailyEntries(ids: $ids) { id status lateDays }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteDailyEntry($id: ID!) { deleteDailyEntry(id: $id) }\n"): (typeof documents)["\n  mutation DeleteDailyEntry($id: ID!) { deleteDailyEntry(id: $id) }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DailyReviewQueue {\n    dailyReviewQueue { waiting oldestDate employee { id name position { title } } }\n  }\n"): (typeof documents)["\n  query DailyReviewQueue {\n    dailyReviewQueue { waiting oldestDate employee { id name position { title } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DailyReviewEntries($employeeId: ID!) {\n    employee(id: $employeeId) { id name }\n    dailyEntries(first: 100, filter: { employeeId: $employeeId, status: SUBMITTED }) {\n      totalCount\n      edges { node { ...DailyEntryFields } }\n    }\n  }\n"): (typeof documents)["\n  query DailyReviewEntries($employeeId: ID!) {\n    employee(id: $employeeId) { id name }\n    dailyEntries(first: 100, filter: { employeeId: $employeeId, status: SUBMITTED }) {\n      totalCount\n      edges { node { ...DailyEntryFields } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DailyReviewTeamEntries {\n    dailyEntries(first: 100, filter: { awaitingMyReview: true }) {\n      totalCount\n      edges { node { ...DailyEntryFields employee { id name } } }\n    }\n  }\n"): (typeof documents)["\n  query DailyReviewTeamEntries {\n    dailyEntries(first: 100, filter: { awaitingMyReview: true }) {\n      totalCount\n      edges { node { ...DailyEntryFields employee { id name } } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReviewDailyEntries($approve: [ID!], $returns: [ReturnEntryInput!]) {\n    reviewDailyEntries(approve: $approve, returns: $returns) {\n      changed { id status returnNote reviewedAt }\n      errors { entryId code message }\n    }\n  }\n"): (typeof documents)["\n  mutation ReviewDailyEntries($approve: [ID!], $returns: [ReturnEntryInput!]) {\n    reviewDailyEntries(approve: $approve, returns: $returns) {\n      changed { id status returnNote reviewedAt }\n      errors { entryId code message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query HrHolidays($year: Int!) {\n    holidays(year: $year) { date name kind }\n  }\n"): (typeof documents)["\n  query HrHolidays($year: Int!) {\n    holidays(year: $year) { date name kind }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation HrSetHoliday($date: Date!, $name: String!, $kind: HolidayKind!) {\n    setHoliday(date: $date, name: $name, kind: $kind) { date name kind }\n  }\n"): (typeof documents)["\n  mutation HrSetHoliday($date: Date!, $name: String!, $kind: HolidayKind!) {\n    setHoliday(date: $date, name: $name, kind: $kind) { date name kind }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation HrDeleteHoliday($date: Date!) {\n    deleteHoliday(date: $date)\n  }\n"): (typeof documents)["\n  mutation HrDeleteHoliday($date: Date!) {\n    deleteHoliday(date: $date)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query HrUnitSchedule($unitId: ID!) {\n    unitSchedule(unitId: $unitId) { workingDays timeZone unit { id } definedBy { id name } }\n  }\n"): (typeof documents)["\n  query HrUnitSchedule($unitId: ID!) {\n    unitSchedule(unitId: $unitId) { workingDays timeZone unit { id } definedBy { id name } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation HrSetUnitSchedule($unitId: ID!, $workingDays: Int!, $timeZone: UnitTimeZone!) {\n    setUnitSchedule(unitId: $unitId, workingDays: $workingDays, timeZone: $timeZone) {\n      workingDays timeZone unit { id } definedBy { id name }\n    }\n  }\n"): (typeof documents)["\n  mutation HrSetUnitSchedule($unitId: ID!, $workingDays: Int!, $timeZone: UnitTimeZone!) {\n    setUnitSchedule(unitId: $unitId, workingDays: $workingDays, timeZone: $timeZone) {\n      workingDays timeZone unit { id } definedBy { id name }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query HrUnitEmployees($unitId: ID!, $search: String) {\n    employees(first: 100, filter: { unitId: $unitId, search: $search }) {\n      totalCount\n      edges { node { id name unit { id name } } }\n    }\n  }\n"): (typeof documents)["\n  query HrUnitEmployees($unitId: ID!, $search: String) {\n    employees(first: 100, filter: { unitId: $unitId, search: $search }) {\n      totalCount\n      edges { node { id name unit { id name } } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query HrLeaves($unitId: ID!, $first: Int!, $after: String) {\n    leaves(unitId: $unitId, first: $first, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges {\n        node { id startsOn endsOn kind status note createdAt employee { id name unit { id name } } decidedBy { id name } }\n      }\n    }\n  }\n"): (typeof documents)["\n  query HrLeaves($unitId: ID!, $first: Int!, $after: String) {\n    leaves(unitId: $unitId, first: $first, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges {\n        node { id startsOn endsOn kind status note createdAt employee { id name unit { id name } } decidedBy { id name } }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation HrRecordLeave($employeeId: ID!, $startsOn: Date!, $endsOn: Date!, $kind: LeaveKind!, $note: String!) {\n    recordLeave(employeeId: $employeeId, startsOn: $startsOn, endsOn: $endsOn, kind: $kind, note: $note) {\n      id startsOn endsOn kind status note\n    }\n  }\n"): (typeof documents)["\n  mutation HrRecordLeave($employeeId: ID!, $startsOn: Date!, $endsOn: Date!, $kind: LeaveKind!, $note: String!) {\n    recordLeave(employeeId: $employeeId, startsOn: $startsOn, endsOn: $endsOn, kind: $kind, note: $note) {\n      id startsOn endsOn kind status note\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation HrCancelLeave($id: ID!) {\n    cancelLeave(leaveId: $id)\n  }\n"): (typeof documents)["\n  mutation HrCancelLeave($id: ID!) {\n    cancelLeave(leaveId: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query HrDashboard($unitId: ID!, $year: Int!) {\n    unitPerformance(unitId: $unitId, year: $year) {\n      plansByStatus { status count }\n      overduePlans\n      predicateDistribution { predicate count percent }\n      satisfaction { score category categoryLabel respondents }\n      meetingsHeld\n    }\n    recap: performanceRecap(unitId: $unitId, year: $year) { ...DocumentFields }\n  }\n"): (typeof documents)["\n  query HrDashboard($unitId: ID!, $year: Int!) {\n    unitPerformance(unitId: $unitId, year: $year) {\n      plansByStatus { status count }\n      overduePlans\n      predicateDistribution { predicate count percent }\n      satisfaction { score category categoryLabel respondents }\n      meetingsHeld\n    }\n    recap: performanceRecap(unitId: $unitId, year: $year) { ...DocumentFields }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query HrDistribution($unitId: ID!, $year: Int!, $periodId: ID!) {\n    distributionCheck(unitId: $unitId, periodId: $periodId) {\n      orgRating\n      counts { predicate count percent }\n      violations { rule message }\n    }\n    periodRecap: performanceRecap(unitId: $unitId, year: $year, periodId: $periodId) { ...DocumentFields }\n    predicates: predicateDetermination(unitId: $unitId, periodId: $periodId) { ...DocumentFields }\n  }\n"): (typeof documents)["\n  query HrDistribution($unitId: ID!, $year: Int!, $periodId: ID!) {\n    distributionCheck(unitId: $unitId, periodId: $periodId) {\n      orgRating\n      counts { predicate count percent }\n      violations { rule message }\n    }\n    periodRecap: performanceRecap(unitId: $unitId, year: $year, periodId: $periodId) { ...DocumentFields }\n    predicates: predicateDetermination(unitId: $unitId, periodId: $periodId) { ...DocumentFields }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query HrDiscipline($unitId: ID!, $year: Int!, $month: Int!, $first: Int!, $after: String) {\n    discipline(unitId: $unitId, year: $year, month: $month, first: $first, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges {\n        node {\n          employee { id name unit { id name } }\n          workingDays onTime late missing excused pending percentOnTime\n        }\n      }\n    }\n    disciplineExport(unitId: $unitId, year: $year, month: $month) { ...DocumentFields }\n  }\n"): (typeof documents)["\n  query HrDiscipline($unitId: ID!, $year: Int!, $month: Int!, $first: Int!, $after: String) {\n    discipline(unitId: $unitId, year: $year, month: $month, first: $first, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges {\n        node {\n          employee { id name unit { id name } }\n          workingDays onTime late missing excused pending percentOnTime\n        }\n      }\n    }\n    disciplineExport(unitId: $unitId, year: $year, month: $month) { ...DocumentFields }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query HrMonthClosure($unitId: ID!, $year: Int!, $month: Int!) {\n    monthClosure(unitId: $unitId, year: $year, month: $month) { year month closedAt unit { id name } closedBy { id name } }\n  }\n"): (typeof documents)["\n  query HrMonthClosure($unitId: ID!, $year: Int!, $month: Int!) {\n    monthClosure(unitId: $unitId, year: $year, month: $month) { year month closedAt unit { id name } closedBy { id name } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation HrCloseMonth($unitId: ID!, $year: Int!, $month: Int!) {\n    closeMonth(unitId: $unitId, year: $year, month: $month) { year month closedAt unit { id name } }\n  }\n"): (typeof documents)["\n  mutation HrCloseMonth($unitId: ID!, $year: Int!, $month: Int!) {\n    closeMonth(unitId: $unitId, year: $year, month: $month) { year month closedAt unit { id name } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation HrReopenMonth($unitId: ID!, $year: Int!, $month: Int!) {\n    reopenMonth(unitId: $unitId, year: $year, month: $month)\n  }\n"): (typeof documents)["\n  mutation HrReopenMonth($unitId: ID!, $year: Int!, $month: Int!) {\n    reopenMonth(unitId: $unitId, year: $year, month: $month)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query HrGoals($unitId: ID!, $year: Int!) {\n    orgGoals(unitId: $unitId, year: $year) { id text source indicator target unit { id name } }\n  }\n"): (typeof documents)["\n  query HrGoals($unitId: ID!, $year: Int!) {\n    orgGoals(unitId: $unitId, year: $year) { id text source indicator target unit { id name } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation HrUpsertGoal($unitId: ID!, $year: Int!, $text: String!, $id: ID, $source: GoalSource, $indicator: String!, $target: String!) {\n    upsertOrgGoal(unitId: $unitId, year: $year, text: $text, id: $id, source: $source, indicator: $indicator, target: $target) {\n      id text source indicator target unit { id name }\n    }\n  }\n"): (typeof documents)["\n  mutation HrUpsertGoal($unitId: ID!, $year: Int!, $text: String!, $id: ID, $source: GoalSource, $indicator: String!, $target: String!) {\n    upsertOrgGoal(unitId: $unitId, year: $year, text: $text, id: $id, source: $source, indicator: $indicator, target: $target) {\n      id text source indicator target unit { id name }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation HrImportOrganization($unitsCsv: String!, $employeesCsv: String!) {\n    importOrganization(unitsCsv: $unitsCsv, employeesCsv: $employeesCsv) {\n      unitsCreated unitsUpdated employeesCreated employeesUpdated accountsCreated\n    }\n  }\n"): (typeof documents)["\n  mutation HrImportOrganization($unitsCsv: String!, $employeesCsv: String!) {\n    importOrganization(unitsCsv: $unitsCsv, employeesCsv: $employeesCsv) {\n      unitsCreated unitsUpdated employeesCreated employeesUpdated accountsCreated\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation HrOpenYear($year: Int!, $unitId: ID!) {\n    openPerformanceYear(year: $year, unitId: $unitId) { id kind status progress total errors createdAt finishedAt }\n  }\n"): (typeof documents)["\n  mutation HrOpenYear($year: Int!, $unitId: ID!) {\n    openPerformanceYear(year: $year, unitId: $unitId) { id kind status progress total errors createdAt finishedAt }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation HrOpenPeriod($periodId: ID!, $unitId: ID!) {\n    openReviewPeriod(periodId: $periodId, unitId: $unitId) { id kind status progress total errors createdAt finishedAt }\n  }\n"): (typeof documents)["\n  mutation HrOpenPeriod($periodId: ID!, $unitId: ID!) {\n    openReviewPeriod(periodId: $periodId, unitId: $unitId) { id kind status progress total errors createdAt finishedAt }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query HrJob($id: ID!) {\n    job(id: $id) { id kind status progress total errors createdAt finishedAt }\n  }\n"): (typeof documents)["\n  query HrJob($id: ID!) {\n    job(id: $id) { id kind status progress total errors createdAt finishedAt }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query HrCurrentRating($unitId: ID!, $periodId: ID!) {\n    distributionCheck(unitId: $unitId, periodId: $periodId) { orgRating }\n  }\n"): (typeof documents)["\n  query HrCurrentRating($unitId: ID!, $periodId: ID!) {\n    distributionCheck(unitId: $unitId, periodId: $periodId) { orgRating }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation HrSetOrgRating($unitId: ID!, $periodId: ID!, $rating: OrgRating!) {\n    setOrgRating(unitId: $unitId, periodId: $periodId, rating: $rating)\n  }\n"): (typeof documents)["\n  mutation HrSetOrgRating($unitId: ID!, $periodId: ID!, $rating: OrgRating!) {\n    setOrgRating(unitId: $unitId, periodId: $periodId, rating: $rating)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query HrSatisfaction($unitId: ID!, $year: Int!) {\n    satisfactionIndex(unitId: $unitId, year: $year) { score category categoryLabel respondents elementScores { element score } }\n  }\n"): (typeof documents)["\n  query HrSatisfaction($unitId: ID!, $year: Int!) {\n    satisfactionIndex(unitId: $unitId, year: $year) { score category categoryLabel respondents elementScores { element score } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation HrSubmitSurvey($unitId: ID!, $year: Int!, $responses: [[Int!]!]!) {\n    submitSatisfactionSurvey(unitId: $unitId, year: $year, responses: $responses) {\n      score category categoryLabel respondents elementScores { element score }\n    }\n  }\n"): (typeof documents)["\n  mutation HrSubmitSurvey($unitId: ID!, $year: Int!, $responses: [[Int!]!]!) {\n    submitSatisfactionSurvey(unitId: $unitId, year: $year, responses: $responses) {\n      score category categoryLabel respondents elementScores { element score }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query HrPeriods($year: Int!) {\n    performancePeriods(year: $year) { id kind number startsOn endsOn }\n  }\n"): (typeof documents)["\n  query HrPeriods($year: Int!) {\n    performancePeriods(year: $year) { id kind number startsOn endsOn }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Me {\n    me {\n      roles\n      emailNotifications\n      user { id username }\n      employee { id name nip unit { id name } position { title } }\n      rater { id name }\n      raterSupervisor { id name }\n      subordinates { id name }\n      managedUnits { id name code }\n    }\n  }\n"): (typeof documents)["\n  query Me {\n    me {\n      roles\n      emailNotifications\n      user { id username }\n      employee { id name nip unit { id name } position { title } }\n      rater { id name }\n      raterSupervisor { id name }\n      subordinates { id name }\n      managedUnits { id name code }\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;