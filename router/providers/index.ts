// The providers' entry: the PushProvider contract, APNs and FCM, the retrier,
// the channel rules, and the per-app registry the router uses.
export type { ProviderName, ProviderNotification, ProviderResult, PushProvider } from './provider.js';
export { ApnsProvider, type ApnsProviderOptions } from './apns-provider.js';
export { FcmProvider, type FcmProviderOptions } from './fcm-provider.js';
export { DEFAULT_RETRY, ProviderRetrier, type RetryOptions } from './retry.js';
export { ChannelChooser, type Channel, type ChannelFacts } from './channel-chooser.js';
export { ProviderRegistry, type ProviderSettings } from './provider-registry.js';
