/** The routes; each screen loads with its own chunk (the first load stays small). */
import { lazy, Suspense } from "react";
import { Route, Routes } from "react-router";
import { Layout } from "./components/Layout";
import { Loading } from "./components/Status";
import { SessionGate } from "./session";
import { NotFound } from "./pages/NotFound";

const Home = lazy(() => import("./pages/Home"));
const Inbox = lazy(() => import("./pages/Inbox"));
const TaskPage = lazy(() => import("./pages/TaskPage"));
const MyPlan = lazy(() => import("./pages/MyPlan"));
const Evaluations = lazy(() => import("./pages/Evaluations"));
const EvaluationPage = lazy(() => import("./pages/EvaluationPage"));
const Team = lazy(() => import("./pages/Team"));
const Hr = lazy(() => import("./pages/Hr"));
const Daily = lazy(() => import("./pages/daily/Daily"));
const DailyReview = lazy(() => import("./pages/daily/Review"));
const ActionPlans = lazy(() => import("./pages/daily/ActionPlans"));
const Leave = lazy(() => import("./pages/daily/Leave"));

export function App() {
  return (
    <SessionGate>
      <Layout>
        <Suspense fallback={<Loading />}>
          <Routes>
            <Route path="/" element={<Home />} />
            <Route path="/tugas" element={<Inbox />} />
            <Route path="/tugas/:id" element={<TaskPage />} />
            <Route path="/skp" element={<MyPlan />} />
            <Route path="/skp/:planId" element={<MyPlan />} />
            <Route path="/evaluasi" element={<Evaluations />} />
            <Route path="/evaluasi/:id" element={<EvaluationPage />} />
            <Route path="/tim" element={<Team />} />
            <Route path="/hr/*" element={<Hr />} />
            <Route path="/harian" element={<Daily />} />
            <Route path="/harian/tinjau" element={<DailyReview />} />
            <Route path="/harian/rencana-aksi" element={<ActionPlans />} />
            <Route path="/harian/rencana-aksi/:actionPlanId" element={<ActionPlans />} />
            <Route path="/harian/cuti" element={<Leave />} />
            <Route path="*" element={<NotFound />} />
          </Routes>
        </Suspense>
      </Layout>
    </SessionGate>
  );
}
