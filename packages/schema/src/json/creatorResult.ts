/** Engagement counters of a video as the platforms report them. */
export interface VideoStatistics {
  views: number;
  likes: number;
  comments: number;
  shares?: number;
}

/** A creator as TikTok and YouTube results describe one. */
export interface CreatorProfile {
  name: string;
  followers: number;
  avatarUrl?: string;
  profilePicUrl?: string;
  bio?: string;
  emails?: string[];
  uniqueId?: string;
  verified?: boolean;
}

/** One TikTok keyword-search hit: a creator and the video that matched. */
export interface TikTokKeywordResult {
  platform: 'TikTok';
  creator: CreatorProfile;
  video: { description: string; url: string; statistics: VideoStatistics };
  hashtags: string[];
}

/** One TikTok similar-creator hit. */
export interface TikTokSimilarResult {
  platform: 'TikTok';
  searchType: 'similar';
  targetUsername: string;
  creator: CreatorProfile;
}

/** One Instagram similar-creator hit, in Instagram's own snake_case shape. */
export interface InstagramSimilarResult {
  platform: 'Instagram';
  id: string;
  username: string;
  full_name: string;
  is_private: boolean;
  is_verified: boolean;
  profile_pic_url: string;
}

/** One YouTube keyword-search hit. */
export interface YouTubeKeywordResult {
  platform: 'YouTube';
  creator: CreatorProfile;
  video: { description: string; url: string; statistics: VideoStatistics };
  hashtags: string[];
  publishedTime?: string;
  lengthSeconds?: number;
}

/** Any element of `scraping_results.creators`: the shape depends on the platform and search type. */
export type CreatorResult = TikTokKeywordResult | TikTokSimilarResult | InstagramSimilarResult | YouTubeKeywordResult;
