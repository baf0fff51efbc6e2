export type { CollectedData } from './collectedData.ts';
export type { QuizAnswers } from './quizAnswers.ts';
export type {
  CreatorResult,
  CreatorProfile,
  VideoStatistics,
  TikTokKeywordResult,
  TikTokSimilarResult,
  InstagramSimilarResult,
  YouTubeKeywordResult,
} from './creatorResult.ts';
export type {
  UserMetadata,
  EmailScheduleStatus,
  SearchParams,
  EventProperties,
  WizardAnswers,
  AuditChanges,
  ActivityMetadata,
} from './misc.ts';
