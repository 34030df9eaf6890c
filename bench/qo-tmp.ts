import { queryOverview } from '/work/main/bench/query-overview';
const r = await queryOverview();
console.log(JSON.stringify(r, null, 1));
