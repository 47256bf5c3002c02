import * as $protobuf from "protobufjs";

export namespace homing {

    namespace device {

        interface IClientFrame extends homing.device.ClientFrame.$Properties {
        }

        class ClientFrame {
            constructor(properties?: homing.device.ClientFrame.$Properties);
            $unknowns?: Uint8Array[];
            hello?: (homing.device.Hello.$Properties|null);
            ping?: (homing.device.Ping.$Properties|null);
            ack?: (homing.device.Ack.$Properties|null);
            click?: (homing.device.Click.$Properties|null);
            tagChange?: (homing.device.TagChange.$Properties|null);
            accountChange?: (homing.device.AccountChange.$Properties|null);
            body?: ("hello"|"ping"|"ack"|"click"|"tagChange"|"accountChange");
            static create(properties: homing.device.ClientFrame.$Shape): homing.device.ClientFrame & homing.device.ClientFrame.$Shape;
            static create(properties?: homing.device.ClientFrame.$Properties): homing.device.ClientFrame;
            static encode(message: homing.device.ClientFrame.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): homing.device.ClientFrame & homing.device.ClientFrame.$Shape;
            static getTypeUrl(prefix?: string): string;
        }

        namespace ClientFrame {
            interface $Properties {
                hello?: (homing.device.Hello.$Properties|null);
                ping?: (homing.device.Ping.$Properties|null);
                ack?: (homing.device.Ack.$Properties|null);
                click?: (homing.device.Click.$Properties|null);
                tagChange?: (homing.device.TagChange.$Properties|null);
                accountChange?: (homing.device.AccountChange.$Properties|null);
                body?: ("hello"|"ping"|"ack"|"click"|"tagChange"|"accountChange");
                $unknowns?: Uint8Array[];
            }
            type $Shape = {
              hello?: homing.device.Hello.$Shape|null;
              ping?: homing.device.Ping.$Shape|null;
              ack?: homing.device.Ack.$Shape|null;
              click?: homing.device.Click.$Shape|null;
              tagChange?: homing.device.TagChange.$Shape|null;
              accountChange?: homing.device.AccountChange.$Shape|null;
              $unknowns?: Uint8Array[];
            } & (
              ({ body?: undefined; hello?: null; ping?: null; ack?: null; click?: null; tagChange?: null; accountChange?: null }|{ body?: "hello"; hello: homing.device.Hello.$Shape; ping?: null; ack?: null; click?: null; tagChange?: null; accountChange?: null }|{ body?: "ping"; hello?: null; ping: homing.device.Ping.$Shape; ack?: null; click?: null; tagChange?: null; accountChange?: null }|{ body?: "ack"; hello?: null; ping?: null; ack: homing.device.Ack.$Shape; click?: null; tagChange?: null; accountChange?: null }|{ body?: "click"; hello?: null; ping?: null; ack?: null; click: homing.device.Click.$Shape; tagChange?: null; accountChange?: null }|{ body?: "tagChange"; hello?: null; ping?: null; ack?: null; click?: null; tagChange: homing.device.TagChange.$Shape; accountChange?: null }|{ body?: "accountChange"; hello?: null; ping?: null; ack?: null; click?: null; tagChange?: null; accountChange: homing.device.AccountChange.$Shape })
            );
        }

        enum Platform {
            PLATFORM_UNSPECIFIED = 0,
            ANDROID = 1,
            IOS = 2,
            WEB = 3,
            OTHER = 4
        }

        interface IHello extends homing.device.Hello.$Properties {
        }

        class Hello {
            constructor(properties?: homing.device.Hello.$Properties);
            $unknowns?: Uint8Array[];
            sdkVersion: string;
            deviceId: string;
            platform: homing.device.Platform;
            apps: homing.device.AppRegistration.$Properties[];
            static create(properties: homing.device.Hello.$Shape): homing.device.Hello & homing.device.Hello.$Shape;
            static create(properties?: homing.device.Hello.$Properties): homing.device.Hello;
            static encode(message: homing.device.Hello.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): homing.device.Hello & homing.device.Hello.$Shape;
            static getTypeUrl(prefix?: string): string;
        }

        namespace Hello {
            interface $Properties {
                sdkVersion?: (string|null);
                deviceId?: (string|null);
                platform?: (homing.device.Platform|null);
                apps?: (homing.device.AppRegistration.$Properties[]|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = homing.device.Hello.$Properties;
        }

        interface IAppRegistration extends homing.device.AppRegistration.$Properties {
        }

        class AppRegistration {
            constructor(properties?: homing.device.AppRegistration.$Properties);
            $unknowns?: Uint8Array[];
            accessId: string;
            accessKey: string;
            token: string;
            tokenSecret: string;
            lastBroadcastId: string;
            pushProvider: homing.device.PushProvider;
            pushToken: string;
            static create(properties: homing.device.AppRegistration.$Shape): homing.device.AppRegistration & homing.device.AppRegistration.$Shape;
            static create(properties?: homing.device.AppRegistration.$Properties): homing.device.AppRegistration;
            static encode(message: homing.device.AppRegistration.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): homing.device.AppRegistration & homing.device.AppRegistration.$Shape;
            static getTypeUrl(prefix?: string): string;
        }

        namespace AppRegistration {
            interface $Properties {
                accessId?: (string|null);
                accessKey?: (string|null);
                token?: (string|null);
                tokenSecret?: (string|null);
                lastBroadcastId?: (string|null);
                pushProvider?: (homing.device.PushProvider|null);
                pushToken?: (string|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = homing.device.AppRegistration.$Properties;
        }

        enum PushProvider {
            PUSH_PROVIDER_UNSPECIFIED = 0,
            APNS = 1,
            FCM = 2
        }

        interface IPing extends homing.device.Ping.$Properties {
        }

        class Ping {
            constructor(properties?: homing.device.Ping.$Properties);
            $unknowns?: Uint8Array[];
            clientTime: number;
            static create(properties: homing.device.Ping.$Shape): homing.device.Ping & homing.device.Ping.$Shape;
            static create(properties?: homing.device.Ping.$Properties): homing.device.Ping;
            static encode(message: homing.device.Ping.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): homing.device.Ping & homing.device.Ping.$Shape;
            static getTypeUrl(prefix?: string): string;
        }

        namespace Ping {
            interface $Properties {
                clientTime?: (number|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = homing.device.Ping.$Properties;
        }

        interface IAck extends homing.device.Ack.$Properties {
        }

        class Ack {
            constructor(properties?: homing.device.Ack.$Properties);
            $unknowns?: Uint8Array[];
            messageIds: string[];
            static create(properties: homing.device.Ack.$Shape): homing.device.Ack & homing.device.Ack.$Shape;
            static create(properties?: homing.device.Ack.$Properties): homing.device.Ack;
            static encode(message: homing.device.Ack.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): homing.device.Ack & homing.device.Ack.$Shape;
            static getTypeUrl(prefix?: string): string;
        }

        namespace Ack {
            interface $Properties {
                messageIds?: (string[]|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = homing.device.Ack.$Properties;
        }

        interface IClick extends homing.device.Click.$Properties {
        }

        class Click {
            constructor(properties?: homing.device.Click.$Properties);
            $unknowns?: Uint8Array[];
            messageId: string;
            accessId: string;
            action: string;
            clickedAt: number;
            static create(properties: homing.device.Click.$Shape): homing.device.Click & homing.device.Click.$Shape;
            static create(properties?: homing.device.Click.$Properties): homing.device.Click;
            static encode(message: homing.device.Click.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): homing.device.Click & homing.device.Click.$Shape;
            static getTypeUrl(prefix?: string): string;
        }

        namespace Click {
            interface $Properties {
                messageId?: (string|null);
                accessId?: (string|null);
                action?: (string|null);
                clickedAt?: (number|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = homing.device.Click.$Properties;
        }

        interface ITagChange extends homing.device.TagChange.$Properties {
        }

        class TagChange {
            constructor(properties?: homing.device.TagChange.$Properties);
            $unknowns?: Uint8Array[];
            requestId: number;
            accessId: string;
            operation: homing.device.TagOperation;
            tags: string[];
            static create(properties: homing.device.TagChange.$Shape): homing.device.TagChange & homing.device.TagChange.$Shape;
            static create(properties?: homing.device.TagChange.$Properties): homing.device.TagChange;
            static encode(message: homing.device.TagChange.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): homing.device.TagChange & homing.device.TagChange.$Shape;
            static getTypeUrl(prefix?: string): string;
        }

        namespace TagChange {
            interface $Properties {
                requestId?: (number|null);
                accessId?: (string|null);
                operation?: (homing.device.TagOperation|null);
                tags?: (string[]|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = homing.device.TagChange.$Properties;
        }

        enum TagOperation {
            TAG_OPERATION_UNSPECIFIED = 0,
            TAG_SET = 1,
            TAG_ADD = 2,
            TAG_REMOVE = 3
        }

        interface IAccountChange extends homing.device.AccountChange.$Properties {
        }

        class AccountChange {
            constructor(properties?: homing.device.AccountChange.$Properties);
            $unknowns?: Uint8Array[];
            requestId: number;
            accessId: string;
            operation: homing.device.AccountOperation;
            accounts: homing.device.Account.$Properties[];
            static create(properties: homing.device.AccountChange.$Shape): homing.device.AccountChange & homing.device.AccountChange.$Shape;
            static create(properties?: homing.device.AccountChange.$Properties): homing.device.AccountChange;
            static encode(message: homing.device.AccountChange.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): homing.device.AccountChange & homing.device.AccountChange.$Shape;
            static getTypeUrl(prefix?: string): string;
        }

        namespace AccountChange {
            interface $Properties {
                requestId?: (number|null);
                accessId?: (string|null);
                operation?: (homing.device.AccountOperation|null);
                accounts?: (homing.device.Account.$Properties[]|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = homing.device.AccountChange.$Properties;
        }

        enum AccountOperation {
            ACCOUNT_OPERATION_UNSPECIFIED = 0,
            ACCOUNT_BIND = 1,
            ACCOUNT_APPEND = 2,
            ACCOUNT_REMOVE = 3
        }

        interface IAccount extends homing.device.Account.$Properties {
        }

        class Account {
            constructor(properties?: homing.device.Account.$Properties);
            $unknowns?: Uint8Array[];
            account: string;
            accountType: number;
            static create(properties: homing.device.Account.$Shape): homing.device.Account & homing.device.Account.$Shape;
            static create(properties?: homing.device.Account.$Properties): homing.device.Account;
            static encode(message: homing.device.Account.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): homing.device.Account & homing.device.Account.$Shape;
            static getTypeUrl(prefix?: string): string;
        }

        namespace Account {
            interface $Properties {
                account?: (string|null);
                accountType?: (number|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = homing.device.Account.$Properties;
        }

        interface IServerFrame extends homing.device.ServerFrame.$Properties {
        }

        class ServerFrame {
            constructor(properties?: homing.device.ServerFrame.$Properties);
            $unknowns?: Uint8Array[];
            welcome?: (homing.device.Welcome.$Properties|null);
            pong?: (homing.device.Pong.$Properties|null);
            push?: (homing.device.Push.$Properties|null);
            error?: (homing.device.Error.$Properties|null);
            goaway?: (homing.device.Goaway.$Properties|null);
            result?: (homing.device.Result.$Properties|null);
            body?: ("welcome"|"pong"|"push"|"error"|"goaway"|"result");
            static create(properties: homing.device.ServerFrame.$Shape): homing.device.ServerFrame & homing.device.ServerFrame.$Shape;
            static create(properties?: homing.device.ServerFrame.$Properties): homing.device.ServerFrame;
            static encode(message: homing.device.ServerFrame.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): homing.device.ServerFrame & homing.device.ServerFrame.$Shape;
            static getTypeUrl(prefix?: string): string;
        }

        namespace ServerFrame {
            interface $Properties {
                welcome?: (homing.device.Welcome.$Properties|null);
                pong?: (homing.device.Pong.$Properties|null);
                push?: (homing.device.Push.$Properties|null);
                error?: (homing.device.Error.$Properties|null);
                goaway?: (homing.device.Goaway.$Properties|null);
                result?: (homing.device.Result.$Properties|null);
                body?: ("welcome"|"pong"|"push"|"error"|"goaway"|"result");
                $unknowns?: Uint8Array[];
            }
            type $Shape = {
              welcome?: homing.device.Welcome.$Shape|null;
              pong?: homing.device.Pong.$Shape|null;
              push?: homing.device.Push.$Shape|null;
              error?: homing.device.Error.$Shape|null;
              goaway?: homing.device.Goaway.$Shape|null;
              result?: homing.device.Result.$Shape|null;
              $unknowns?: Uint8Array[];
            } & (
              ({ body?: undefined; welcome?: null; pong?: null; push?: null; error?: null; goaway?: null; result?: null }|{ body?: "welcome"; welcome: homing.device.Welcome.$Shape; pong?: null; push?: null; error?: null; goaway?: null; result?: null }|{ body?: "pong"; welcome?: null; pong: homing.device.Pong.$Shape; push?: null; error?: null; goaway?: null; result?: null }|{ body?: "push"; welcome?: null; pong?: null; push: homing.device.Push.$Shape; error?: null; goaway?: null; result?: null }|{ body?: "error"; welcome?: null; pong?: null; push?: null; error: homing.device.Error.$Shape; goaway?: null; result?: null }|{ body?: "goaway"; welcome?: null; pong?: null; push?: null; error?: null; goaway: homing.device.Goaway.$Shape; result?: null }|{ body?: "result"; welcome?: null; pong?: null; push?: null; error?: null; goaway?: null; result: homing.device.Result.$Shape })
            );
        }

        interface IWelcome extends homing.device.Welcome.$Properties {
        }

        class Welcome {
            constructor(properties?: homing.device.Welcome.$Properties);
            $unknowns?: Uint8Array[];
            apps: homing.device.AppSession.$Properties[];
            heartbeatIntervalMs: number;
            nodeId: string;
            maxFrameBytes: number;
            static create(properties: homing.device.Welcome.$Shape): homing.device.Welcome & homing.device.Welcome.$Shape;
            static create(properties?: homing.device.Welcome.$Properties): homing.device.Welcome;
            static encode(message: homing.device.Welcome.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): homing.device.Welcome & homing.device.Welcome.$Shape;
            static getTypeUrl(prefix?: string): string;
        }

        namespace Welcome {
            interface $Properties {
                apps?: (homing.device.AppSession.$Properties[]|null);
                heartbeatIntervalMs?: (number|null);
                nodeId?: (string|null);
                maxFrameBytes?: (number|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = homing.device.Welcome.$Properties;
        }

        interface IAppSession extends homing.device.AppSession.$Properties {
        }

        class AppSession {
            constructor(properties?: homing.device.AppSession.$Properties);
            $unknowns?: Uint8Array[];
            accessId: string;
            token: string;
            tokenSecret: string;
            resumed: boolean;
            broadcastId: string;
            static create(properties: homing.device.AppSession.$Shape): homing.device.AppSession & homing.device.AppSession.$Shape;
            static create(properties?: homing.device.AppSession.$Properties): homing.device.AppSession;
            static encode(message: homing.device.AppSession.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): homing.device.AppSession & homing.device.AppSession.$Shape;
            static getTypeUrl(prefix?: string): string;
        }

        namespace AppSession {
            interface $Properties {
                accessId?: (string|null);
                token?: (string|null);
                tokenSecret?: (string|null);
                resumed?: (boolean|null);
                broadcastId?: (string|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = homing.device.AppSession.$Properties;
        }

        interface IPong extends homing.device.Pong.$Properties {
        }

        class Pong {
            constructor(properties?: homing.device.Pong.$Properties);
            $unknowns?: Uint8Array[];
            clientTime: number;
            serverTime: number;
            static create(properties: homing.device.Pong.$Shape): homing.device.Pong & homing.device.Pong.$Shape;
            static create(properties?: homing.device.Pong.$Properties): homing.device.Pong;
            static encode(message: homing.device.Pong.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): homing.device.Pong & homing.device.Pong.$Shape;
            static getTypeUrl(prefix?: string): string;
        }

        namespace Pong {
            interface $Properties {
                clientTime?: (number|null);
                serverTime?: (number|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = homing.device.Pong.$Properties;
        }

        enum MessageType {
            MESSAGE_TYPE_UNSPECIFIED = 0,
            NOTIFY = 1,
            MESSAGE = 2
        }

        interface IPush extends homing.device.Push.$Properties {
        }

        class Push {
            constructor(properties?: homing.device.Push.$Properties);
            $unknowns?: Uint8Array[];
            messageId: string;
            accessId: string;
            token: string;
            type: homing.device.MessageType;
            title: string;
            content: string;
            customContent: string;
            expiresAt: number;
            pushId: string;
            sentAt: number;
            broadcast: boolean;
            static create(properties: homing.device.Push.$Shape): homing.device.Push & homing.device.Push.$Shape;
            static create(properties?: homing.device.Push.$Properties): homing.device.Push;
            static encode(message: homing.device.Push.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): homing.device.Push & homing.device.Push.$Shape;
            static getTypeUrl(prefix?: string): string;
        }

        namespace Push {
            interface $Properties {
                messageId?: (string|null);
                accessId?: (string|null);
                token?: (string|null);
                type?: (homing.device.MessageType|null);
                title?: (string|null);
                content?: (string|null);
                customContent?: (string|null);
                expiresAt?: (number|null);
                pushId?: (string|null);
                sentAt?: (number|null);
                broadcast?: (boolean|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = homing.device.Push.$Properties;
        }

        interface IError extends homing.device.Error.$Properties {
        }

        class Error {
            constructor(properties?: homing.device.Error.$Properties);
            $unknowns?: Uint8Array[];
            code: number;
            message: string;
            retryable: boolean;
            accessId: string;
            static create(properties: homing.device.Error.$Shape): homing.device.Error & homing.device.Error.$Shape;
            static create(properties?: homing.device.Error.$Properties): homing.device.Error;
            static encode(message: homing.device.Error.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): homing.device.Error & homing.device.Error.$Shape;
            static getTypeUrl(prefix?: string): string;
        }

        namespace Error {
            interface $Properties {
                code?: (number|null);
                message?: (string|null);
                retryable?: (boolean|null);
                accessId?: (string|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = homing.device.Error.$Properties;
        }

        interface IGoaway extends homing.device.Goaway.$Properties {
        }

        class Goaway {
            constructor(properties?: homing.device.Goaway.$Properties);
            $unknowns?: Uint8Array[];
            reason: string;
            reconnectAfterMs: number;
            static create(properties: homing.device.Goaway.$Shape): homing.device.Goaway & homing.device.Goaway.$Shape;
            static create(properties?: homing.device.Goaway.$Properties): homing.device.Goaway;
            static encode(message: homing.device.Goaway.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): homing.device.Goaway & homing.device.Goaway.$Shape;
            static getTypeUrl(prefix?: string): string;
        }

        namespace Goaway {
            interface $Properties {
                reason?: (string|null);
                reconnectAfterMs?: (number|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = homing.device.Goaway.$Properties;
        }

        interface IResult extends homing.device.Result.$Properties {
        }

        class Result {
            constructor(properties?: homing.device.Result.$Properties);
            $unknowns?: Uint8Array[];
            requestId: number;
            code: number;
            message: string;
            static create(properties: homing.device.Result.$Shape): homing.device.Result & homing.device.Result.$Shape;
            static create(properties?: homing.device.Result.$Properties): homing.device.Result;
            static encode(message: homing.device.Result.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): homing.device.Result & homing.device.Result.$Shape;
            static getTypeUrl(prefix?: string): string;
        }

        namespace Result {
            interface $Properties {
                requestId?: (number|null);
                code?: (number|null);
                message?: (string|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = homing.device.Result.$Properties;
        }
    }
}
