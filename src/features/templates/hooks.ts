import { useQuery } from "@tanstack/react-query";
import { findBuiltinTemplate } from "./builtin";
import { fetchFeedTemplate, fetchTemplateList, getFeedUrl } from "./feed";

/** The template feed is not network data: its keys are its own. */
export const templateKeys = {
  list: (feedUrl: string) => ["templates", "feed-list", feedUrl] as const,
  one: (feedUrl: string, id: string) => ["templates", "feed-template", feedUrl, id] as const,
};

export function useFeedTemplateList(feedUrl: string) {
  return useQuery({
    queryKey: templateKeys.list(feedUrl),
    queryFn: ({ signal }) => fetchTemplateList(feedUrl, signal),
    enabled: Boolean(feedUrl),
    staleTime: 10 * 60_000,
    retry: false,
  });
}

/** A template by id: built-in at once, else from the feed (undefined id = nothing to load). */
export function useTemplate(id: string | undefined) {
  const builtin = id ? findBuiltinTemplate(id) : undefined;
  const feedUrl = getFeedUrl();
  const query = useQuery({
    queryKey: templateKeys.one(feedUrl, id ?? ""),
    queryFn: ({ signal }) => fetchFeedTemplate(feedUrl, id!, signal),
    enabled: Boolean(id && !builtin && feedUrl),
    staleTime: 10 * 60_000,
    retry: false,
  });
  if (builtin) return { data: builtin, isLoading: false, error: null };
  return { data: query.data, isLoading: query.isLoading, error: query.error };
}
