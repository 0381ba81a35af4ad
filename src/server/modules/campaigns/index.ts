export { campaignsRoutes } from './campaigns.routes.ts';

// Use cases other modules (dashboard, assessment, seeding) may call.
export { createCampaign, getCampaign, listCampaigns, startCampaign, finishCampaign, campaignCoverage, type NewCampaign } from './campaign.service.ts';
export { listTasks, inspectTask, waiveTask, addTask, listFindings, FINDING_CHANNEL } from './task.service.ts';

// Pure rules.
export { checkCampaignFields, checkInspection, coversCategory, coverageOf } from './campaign.ts';
