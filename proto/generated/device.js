/*eslint-disable block-scoped-var, id-length, no-control-regex, no-magic-numbers, no-mixed-operators, no-prototype-builtins, no-redeclare, no-shadow, no-var, sort-vars, default-case, jsdoc/require-param*/
import $protobuf from "protobufjs/minimal.js";

// Common aliases
const $Reader = $protobuf.Reader, $Writer = $protobuf.Writer, $util = $protobuf.util;
const $Object = $util.global.Object, $undefined = $util.global.undefined, $Error = $util.global.Error, $RangeError = $util.global.RangeError;

// Exported root namespace
const $root = $protobuf.roots["default"] || ($protobuf.roots["default"] = {});

export const homing = $root.homing = (() => {

    /**
     * Namespace homing.
     * @exports homing
     * @namespace
     */
    const homing = {};

    homing.device = (function() {

        /**
         * Namespace device.
         * @memberof homing
         * @namespace
         */
        const device = {};

        device.ClientFrame = (function() {

            /**
             * Properties of a ClientFrame.
             * @typedef {Object} homing.device.ClientFrame.$Properties
             * @property {homing.device.Hello.$Properties|null} [hello] ClientFrame hello
             * @property {homing.device.Ping.$Properties|null} [ping] ClientFrame ping
             * @property {homing.device.Ack.$Properties|null} [ack] ClientFrame ack
             * @property {homing.device.Click.$Properties|null} [click] ClientFrame click
             * @property {homing.device.TagChange.$Properties|null} [tagChange] ClientFrame tagChange
             * @property {homing.device.AccountChange.$Properties|null} [accountChange] ClientFrame accountChange
             * @property {"hello"|"ping"|"ack"|"click"|"tagChange"|"accountChange"} [body] ClientFrame body
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a ClientFrame.
             * @memberof homing.device
             * @interface IClientFrame
             * @augments homing.device.ClientFrame.$Properties
             * @deprecated Use homing.device.ClientFrame.$Properties instead.
             */

            /**
             * Narrowed shape of a ClientFrame.
             * @typedef {{
             *   hello?: homing.device.Hello.$Shape|null;
             *   ping?: homing.device.Ping.$Shape|null;
             *   ack?: homing.device.Ack.$Shape|null;
             *   click?: homing.device.Click.$Shape|null;
             *   tagChange?: homing.device.TagChange.$Shape|null;
             *   accountChange?: homing.device.AccountChange.$Shape|null;
             *   $unknowns?: Array.<Uint8Array>;
             * } & (
             *   ({ body?: undefined; hello?: null; ping?: null; ack?: null; click?: null; tagChange?: null; accountChange?: null }|{ body?: "hello"; hello: homing.device.Hello.$Shape; ping?: null; ack?: null; click?: null; tagChange?: null; accountChange?: null }|{ body?: "ping"; hello?: null; ping: homing.device.Ping.$Shape; ack?: null; click?: null; tagChange?: null; accountChange?: null }|{ body?: "ack"; hello?: null; ping?: null; ack: homing.device.Ack.$Shape; click?: null; tagChange?: null; accountChange?: null }|{ body?: "click"; hello?: null; ping?: null; ack?: null; click: homing.device.Click.$Shape; tagChange?: null; accountChange?: null }|{ body?: "tagChange"; hello?: null; ping?: null; ack?: null; click?: null; tagChange: homing.device.TagChange.$Shape; accountChange?: null }|{ body?: "accountChange"; hello?: null; ping?: null; ack?: null; click?: null; tagChange?: null; accountChange: homing.device.AccountChange.$Shape })
             * )} homing.device.ClientFrame.$Shape
             */

            /**
             * Constructs a new ClientFrame.
             * @memberof homing.device
             * @classdesc Represents a ClientFrame.
             * @constructor
             * @param {homing.device.ClientFrame.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const ClientFrame = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * ClientFrame hello.
             * @member {homing.device.Hello.$Properties|null|undefined} hello
             * @memberof homing.device.ClientFrame
             * @instance
             */
            ClientFrame.prototype.hello = null;

            /**
             * ClientFrame ping.
             * @member {homing.device.Ping.$Properties|null|undefined} ping
             * @memberof homing.device.ClientFrame
             * @instance
             */
            ClientFrame.prototype.ping = null;

            /**
             * ClientFrame ack.
             * @member {homing.device.Ack.$Properties|null|undefined} ack
             * @memberof homing.device.ClientFrame
             * @instance
             */
            ClientFrame.prototype.ack = null;

            /**
             * ClientFrame click.
             * @member {homing.device.Click.$Properties|null|undefined} click
             * @memberof homing.device.ClientFrame
             * @instance
             */
            ClientFrame.prototype.click = null;

            /**
             * ClientFrame tagChange.
             * @member {homing.device.TagChange.$Properties|null|undefined} tagChange
             * @memberof homing.device.ClientFrame
             * @instance
             */
            ClientFrame.prototype.tagChange = null;

            /**
             * ClientFrame accountChange.
             * @member {homing.device.AccountChange.$Properties|null|undefined} accountChange
             * @memberof homing.device.ClientFrame
             * @instance
             */
            ClientFrame.prototype.accountChange = null;

            // OneOf field names bound to virtual getters and setters
            let $oneOfFields;

            /**
             * ClientFrame body.
             * @member {"hello"|"ping"|"ack"|"click"|"tagChange"|"accountChange"|undefined} body
             * @memberof homing.device.ClientFrame
             * @instance
             */
            $Object.defineProperty(ClientFrame.prototype, "body", {
                get: $util.oneOfGetter($oneOfFields = ["hello", "ping", "ack", "click", "tagChange", "accountChange"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            /**
             * Creates a new ClientFrame instance using the specified properties.
             * @function create
             * @memberof homing.device.ClientFrame
             * @static
             * @param {homing.device.ClientFrame.$Properties=} [properties] Properties to set
             * @returns {homing.device.ClientFrame} ClientFrame instance
             * @type {{
             *   (properties: homing.device.ClientFrame.$Shape): homing.device.ClientFrame & homing.device.ClientFrame.$Shape;
             *   (properties?: homing.device.ClientFrame.$Properties): homing.device.ClientFrame;
             * }}
             */
            ClientFrame.create = function(properties) {
                return new ClientFrame(properties);
            };

            /**
             * Encodes the specified ClientFrame message. Does not implicitly {@link homing.device.ClientFrame.verify|verify} messages.
             * @function encode
             * @memberof homing.device.ClientFrame
             * @static
             * @param {homing.device.ClientFrame.$Properties} message ClientFrame message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            ClientFrame.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.hello != null && $Object.hasOwnProperty.call(message, "hello"))
                    $root.homing.device.Hello.encode(message.hello, writer.uint32(/* id 1, wireType 2 =*/10).fork(), _depth + 1).ldelim();
                if (message.ping != null && $Object.hasOwnProperty.call(message, "ping"))
                    $root.homing.device.Ping.encode(message.ping, writer.uint32(/* id 2, wireType 2 =*/18).fork(), _depth + 1).ldelim();
                if (message.ack != null && $Object.hasOwnProperty.call(message, "ack"))
                    $root.homing.device.Ack.encode(message.ack, writer.uint32(/* id 3, wireType 2 =*/26).fork(), _depth + 1).ldelim();
                if (message.click != null && $Object.hasOwnProperty.call(message, "click"))
                    $root.homing.device.Click.encode(message.click, writer.uint32(/* id 4, wireType 2 =*/34).fork(), _depth + 1).ldelim();
                if (message.tagChange != null && $Object.hasOwnProperty.call(message, "tagChange"))
                    $root.homing.device.TagChange.encode(message.tagChange, writer.uint32(/* id 5, wireType 2 =*/42).fork(), _depth + 1).ldelim();
                if (message.accountChange != null && $Object.hasOwnProperty.call(message, "accountChange"))
                    $root.homing.device.AccountChange.encode(message.accountChange, writer.uint32(/* id 6, wireType 2 =*/50).fork(), _depth + 1).ldelim();
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a ClientFrame message from the specified reader or buffer.
             * @function decode
             * @memberof homing.device.ClientFrame
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {homing.device.ClientFrame & homing.device.ClientFrame.$Shape} ClientFrame
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            ClientFrame.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.homing.device.ClientFrame();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            message.hello = $root.homing.device.Hello.decode(reader, reader.size(), $undefined, _depth + 1, message.hello);
                            message.body = "hello";
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            message.ping = $root.homing.device.Ping.decode(reader, reader.size(), $undefined, _depth + 1, message.ping);
                            message.body = "ping";
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            message.ack = $root.homing.device.Ack.decode(reader, reader.size(), $undefined, _depth + 1, message.ack);
                            message.body = "ack";
                            continue;
                        }
                    case 4: {
                            if (wireType !== 2)
                                break;
                            message.click = $root.homing.device.Click.decode(reader, reader.size(), $undefined, _depth + 1, message.click);
                            message.body = "click";
                            continue;
                        }
                    case 5: {
                            if (wireType !== 2)
                                break;
                            message.tagChange = $root.homing.device.TagChange.decode(reader, reader.size(), $undefined, _depth + 1, message.tagChange);
                            message.body = "tagChange";
                            continue;
                        }
                    case 6: {
                            if (wireType !== 2)
                                break;
                            message.accountChange = $root.homing.device.AccountChange.decode(reader, reader.size(), $undefined, _depth + 1, message.accountChange);
                            message.body = "accountChange";
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Gets the type url for ClientFrame
             * @function getTypeUrl
             * @memberof homing.device.ClientFrame
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            ClientFrame.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/homing.device.ClientFrame";
            };

            return ClientFrame;
        })();

        /**
         * Platform enum.
         * @name homing.device.Platform
         * @enum {number}
         * @property {number} PLATFORM_UNSPECIFIED=0 PLATFORM_UNSPECIFIED value
         * @property {number} ANDROID=1 ANDROID value
         * @property {number} IOS=2 IOS value
         * @property {number} WEB=3 WEB value
         * @property {number} OTHER=4 OTHER value
         */
        device.Platform = (function() {
            const valuesById = $Object.create(null), values = $Object.create(valuesById);
            values[valuesById[0] = "PLATFORM_UNSPECIFIED"] = 0;
            values[valuesById[1] = "ANDROID"] = 1;
            values[valuesById[2] = "IOS"] = 2;
            values[valuesById[3] = "WEB"] = 3;
            values[valuesById[4] = "OTHER"] = 4;
            return values;
        })();

        device.Hello = (function() {

            /**
             * Properties of a Hello.
             * @typedef {Object} homing.device.Hello.$Properties
             * @property {string|null} [sdkVersion] Hello sdkVersion
             * @property {string|null} [deviceId] Hello deviceId
             * @property {homing.device.Platform|null} [platform] Hello platform
             * @property {Array.<homing.device.AppRegistration.$Properties>|null} [apps] Hello apps
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Hello.
             * @memberof homing.device
             * @interface IHello
             * @augments homing.device.Hello.$Properties
             * @deprecated Use homing.device.Hello.$Properties instead.
             */

            /**
             * Shape of a Hello.
             * @typedef {homing.device.Hello.$Properties} homing.device.Hello.$Shape
             */

            /**
             * Constructs a new Hello.
             * @memberof homing.device
             * @classdesc Represents a Hello.
             * @constructor
             * @param {homing.device.Hello.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Hello = function (properties) {
                this.apps = [];
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Hello sdkVersion.
             * @member {string} sdkVersion
             * @memberof homing.device.Hello
             * @instance
             */
            Hello.prototype.sdkVersion = "";

            /**
             * Hello deviceId.
             * @member {string} deviceId
             * @memberof homing.device.Hello
             * @instance
             */
            Hello.prototype.deviceId = "";

            /**
             * Hello platform.
             * @member {homing.device.Platform} platform
             * @memberof homing.device.Hello
             * @instance
             */
            Hello.prototype.platform = 0;

            /**
             * Hello apps.
             * @member {Array.<homing.device.AppRegistration.$Properties>} apps
             * @memberof homing.device.Hello
             * @instance
             */
            Hello.prototype.apps = $util.emptyArray;

            /**
             * Creates a new Hello instance using the specified properties.
             * @function create
             * @memberof homing.device.Hello
             * @static
             * @param {homing.device.Hello.$Properties=} [properties] Properties to set
             * @returns {homing.device.Hello} Hello instance
             * @type {{
             *   (properties: homing.device.Hello.$Shape): homing.device.Hello & homing.device.Hello.$Shape;
             *   (properties?: homing.device.Hello.$Properties): homing.device.Hello;
             * }}
             */
            Hello.create = function(properties) {
                return new Hello(properties);
            };

            /**
             * Encodes the specified Hello message. Does not implicitly {@link homing.device.Hello.verify|verify} messages.
             * @function encode
             * @memberof homing.device.Hello
             * @static
             * @param {homing.device.Hello.$Properties} message Hello message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Hello.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.sdkVersion != null && $Object.hasOwnProperty.call(message, "sdkVersion") && message.sdkVersion !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.sdkVersion);
                if (message.deviceId != null && $Object.hasOwnProperty.call(message, "deviceId") && message.deviceId !== "")
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.deviceId);
                if (message.platform != null && $Object.hasOwnProperty.call(message, "platform") && message.platform !== 0)
                    writer.uint32(/* id 3, wireType 0 =*/24).int32(message.platform);
                if (message.apps != null && message.apps.length)
                    for (let i = 0; i < message.apps.length; ++i)
                        $root.homing.device.AppRegistration.encode(message.apps[i], writer.uint32(/* id 4, wireType 2 =*/34).fork(), _depth + 1).ldelim();
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a Hello message from the specified reader or buffer.
             * @function decode
             * @memberof homing.device.Hello
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {homing.device.Hello & homing.device.Hello.$Shape} Hello
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Hello.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.homing.device.Hello();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.sdkVersion = value;
                            else
                                delete message.sdkVersion;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.deviceId = value;
                            else
                                delete message.deviceId;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.int32())
                                message.platform = value;
                            else
                                delete message.platform;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 2)
                                break;
                            if (!(message.apps && message.apps.length))
                                message.apps = [];
                            message.apps.push($root.homing.device.AppRegistration.decode(reader, reader.size(), $undefined, _depth + 1));
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Gets the type url for Hello
             * @function getTypeUrl
             * @memberof homing.device.Hello
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Hello.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/homing.device.Hello";
            };

            return Hello;
        })();

        device.AppRegistration = (function() {

            /**
             * Properties of an AppRegistration.
             * @typedef {Object} homing.device.AppRegistration.$Properties
             * @property {string|null} [accessId] AppRegistration accessId
             * @property {string|null} [accessKey] AppRegistration accessKey
             * @property {string|null} [token] AppRegistration token
             * @property {string|null} [tokenSecret] AppRegistration tokenSecret
             * @property {string|null} [lastBroadcastId] AppRegistration lastBroadcastId
             * @property {homing.device.PushProvider|null} [pushProvider] AppRegistration pushProvider
             * @property {string|null} [pushToken] AppRegistration pushToken
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of an AppRegistration.
             * @memberof homing.device
             * @interface IAppRegistration
             * @augments homing.device.AppRegistration.$Properties
             * @deprecated Use homing.device.AppRegistration.$Properties instead.
             */

            /**
             * Shape of an AppRegistration.
             * @typedef {homing.device.AppRegistration.$Properties} homing.device.AppRegistration.$Shape
             */

            /**
             * Constructs a new AppRegistration.
             * @memberof homing.device
             * @classdesc Represents an AppRegistration.
             * @constructor
             * @param {homing.device.AppRegistration.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const AppRegistration = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * AppRegistration accessId.
             * @member {string} accessId
             * @memberof homing.device.AppRegistration
             * @instance
             */
            AppRegistration.prototype.accessId = "";

            /**
             * AppRegistration accessKey.
             * @member {string} accessKey
             * @memberof homing.device.AppRegistration
             * @instance
             */
            AppRegistration.prototype.accessKey = "";

            /**
             * AppRegistration token.
             * @member {string} token
             * @memberof homing.device.AppRegistration
             * @instance
             */
            AppRegistration.prototype.token = "";

            /**
             * AppRegistration tokenSecret.
             * @member {string} tokenSecret
             * @memberof homing.device.AppRegistration
             * @instance
             */
            AppRegistration.prototype.tokenSecret = "";

            /**
             * AppRegistration lastBroadcastId.
             * @member {string} lastBroadcastId
             * @memberof homing.device.AppRegistration
             * @instance
             */
            AppRegistration.prototype.lastBroadcastId = "";

            /**
             * AppRegistration pushProvider.
             * @member {homing.device.PushProvider} pushProvider
             * @memberof homing.device.AppRegistration
             * @instance
             */
            AppRegistration.prototype.pushProvider = 0;

            /**
             * AppRegistration pushToken.
             * @member {string} pushToken
             * @memberof homing.device.AppRegistration
             * @instance
             */
            AppRegistration.prototype.pushToken = "";

            /**
             * Creates a new AppRegistration instance using the specified properties.
             * @function create
             * @memberof homing.device.AppRegistration
             * @static
             * @param {homing.device.AppRegistration.$Properties=} [properties] Properties to set
             * @returns {homing.device.AppRegistration} AppRegistration instance
             * @type {{
             *   (properties: homing.device.AppRegistration.$Shape): homing.device.AppRegistration & homing.device.AppRegistration.$Shape;
             *   (properties?: homing.device.AppRegistration.$Properties): homing.device.AppRegistration;
             * }}
             */
            AppRegistration.create = function(properties) {
                return new AppRegistration(properties);
            };

            /**
             * Encodes the specified AppRegistration message. Does not implicitly {@link homing.device.AppRegistration.verify|verify} messages.
             * @function encode
             * @memberof homing.device.AppRegistration
             * @static
             * @param {homing.device.AppRegistration.$Properties} message AppRegistration message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            AppRegistration.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.accessId != null && $Object.hasOwnProperty.call(message, "accessId") && message.accessId !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.accessId);
                if (message.accessKey != null && $Object.hasOwnProperty.call(message, "accessKey") && message.accessKey !== "")
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.accessKey);
                if (message.token != null && $Object.hasOwnProperty.call(message, "token") && message.token !== "")
                    writer.uint32(/* id 3, wireType 2 =*/26).string(message.token);
                if (message.tokenSecret != null && $Object.hasOwnProperty.call(message, "tokenSecret") && message.tokenSecret !== "")
                    writer.uint32(/* id 4, wireType 2 =*/34).string(message.tokenSecret);
                if (message.lastBroadcastId != null && $Object.hasOwnProperty.call(message, "lastBroadcastId") && message.lastBroadcastId !== "")
                    writer.uint32(/* id 5, wireType 2 =*/42).string(message.lastBroadcastId);
                if (message.pushProvider != null && $Object.hasOwnProperty.call(message, "pushProvider") && message.pushProvider !== 0)
                    writer.uint32(/* id 6, wireType 0 =*/48).int32(message.pushProvider);
                if (message.pushToken != null && $Object.hasOwnProperty.call(message, "pushToken") && message.pushToken !== "")
                    writer.uint32(/* id 7, wireType 2 =*/58).string(message.pushToken);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes an AppRegistration message from the specified reader or buffer.
             * @function decode
             * @memberof homing.device.AppRegistration
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {homing.device.AppRegistration & homing.device.AppRegistration.$Shape} AppRegistration
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            AppRegistration.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.homing.device.AppRegistration();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.accessId = value;
                            else
                                delete message.accessId;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.accessKey = value;
                            else
                                delete message.accessKey;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.token = value;
                            else
                                delete message.token;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.tokenSecret = value;
                            else
                                delete message.tokenSecret;
                            continue;
                        }
                    case 5: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.lastBroadcastId = value;
                            else
                                delete message.lastBroadcastId;
                            continue;
                        }
                    case 6: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.int32())
                                message.pushProvider = value;
                            else
                                delete message.pushProvider;
                            continue;
                        }
                    case 7: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.pushToken = value;
                            else
                                delete message.pushToken;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Gets the type url for AppRegistration
             * @function getTypeUrl
             * @memberof homing.device.AppRegistration
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            AppRegistration.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/homing.device.AppRegistration";
            };

            return AppRegistration;
        })();

        /**
         * PushProvider enum.
         * @name homing.device.PushProvider
         * @enum {number}
         * @property {number} PUSH_PROVIDER_UNSPECIFIED=0 PUSH_PROVIDER_UNSPECIFIED value
         * @property {number} APNS=1 APNS value
         * @property {number} FCM=2 FCM value
         */
        device.PushProvider = (function() {
            const valuesById = $Object.create(null), values = $Object.create(valuesById);
            values[valuesById[0] = "PUSH_PROVIDER_UNSPECIFIED"] = 0;
            values[valuesById[1] = "APNS"] = 1;
            values[valuesById[2] = "FCM"] = 2;
            return values;
        })();

        device.Ping = (function() {

            /**
             * Properties of a Ping.
             * @typedef {Object} homing.device.Ping.$Properties
             * @property {number|null} [clientTime] Ping clientTime
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Ping.
             * @memberof homing.device
             * @interface IPing
             * @augments homing.device.Ping.$Properties
             * @deprecated Use homing.device.Ping.$Properties instead.
             */

            /**
             * Shape of a Ping.
             * @typedef {homing.device.Ping.$Properties} homing.device.Ping.$Shape
             */

            /**
             * Constructs a new Ping.
             * @memberof homing.device
             * @classdesc Represents a Ping.
             * @constructor
             * @param {homing.device.Ping.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Ping = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Ping clientTime.
             * @member {number} clientTime
             * @memberof homing.device.Ping
             * @instance
             */
            Ping.prototype.clientTime = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Creates a new Ping instance using the specified properties.
             * @function create
             * @memberof homing.device.Ping
             * @static
             * @param {homing.device.Ping.$Properties=} [properties] Properties to set
             * @returns {homing.device.Ping} Ping instance
             * @type {{
             *   (properties: homing.device.Ping.$Shape): homing.device.Ping & homing.device.Ping.$Shape;
             *   (properties?: homing.device.Ping.$Properties): homing.device.Ping;
             * }}
             */
            Ping.create = function(properties) {
                return new Ping(properties);
            };

            /**
             * Encodes the specified Ping message. Does not implicitly {@link homing.device.Ping.verify|verify} messages.
             * @function encode
             * @memberof homing.device.Ping
             * @static
             * @param {homing.device.Ping.$Properties} message Ping message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Ping.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.clientTime != null && $Object.hasOwnProperty.call(message, "clientTime") && (typeof message.clientTime === "object" ? message.clientTime.low || message.clientTime.high : message.clientTime !== 0))
                    writer.uint32(/* id 1, wireType 0 =*/8).uint64(message.clientTime);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a Ping message from the specified reader or buffer.
             * @function decode
             * @memberof homing.device.Ping
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {homing.device.Ping & homing.device.Ping.$Shape} Ping
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Ping.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.homing.device.Ping();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.clientTime = value;
                            else
                                delete message.clientTime;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Gets the type url for Ping
             * @function getTypeUrl
             * @memberof homing.device.Ping
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Ping.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/homing.device.Ping";
            };

            return Ping;
        })();

        device.Ack = (function() {

            /**
             * Properties of an Ack.
             * @typedef {Object} homing.device.Ack.$Properties
             * @property {Array.<string>|null} [messageIds] Ack messageIds
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of an Ack.
             * @memberof homing.device
             * @interface IAck
             * @augments homing.device.Ack.$Properties
             * @deprecated Use homing.device.Ack.$Properties instead.
             */

            /**
             * Shape of an Ack.
             * @typedef {homing.device.Ack.$Properties} homing.device.Ack.$Shape
             */

            /**
             * Constructs a new Ack.
             * @memberof homing.device
             * @classdesc Represents an Ack.
             * @constructor
             * @param {homing.device.Ack.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Ack = function (properties) {
                this.messageIds = [];
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Ack messageIds.
             * @member {Array.<string>} messageIds
             * @memberof homing.device.Ack
             * @instance
             */
            Ack.prototype.messageIds = $util.emptyArray;

            /**
             * Creates a new Ack instance using the specified properties.
             * @function create
             * @memberof homing.device.Ack
             * @static
             * @param {homing.device.Ack.$Properties=} [properties] Properties to set
             * @returns {homing.device.Ack} Ack instance
             * @type {{
             *   (properties: homing.device.Ack.$Shape): homing.device.Ack & homing.device.Ack.$Shape;
             *   (properties?: homing.device.Ack.$Properties): homing.device.Ack;
             * }}
             */
            Ack.create = function(properties) {
                return new Ack(properties);
            };

            /**
             * Encodes the specified Ack message. Does not implicitly {@link homing.device.Ack.verify|verify} messages.
             * @function encode
             * @memberof homing.device.Ack
             * @static
             * @param {homing.device.Ack.$Properties} message Ack message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Ack.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.messageIds != null && message.messageIds.length)
                    for (let i = 0; i < message.messageIds.length; ++i)
                        writer.uint32(/* id 1, wireType 2 =*/10).string(message.messageIds[i]);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes an Ack message from the specified reader or buffer.
             * @function decode
             * @memberof homing.device.Ack
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {homing.device.Ack & homing.device.Ack.$Shape} Ack
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Ack.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.homing.device.Ack();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if (!(message.messageIds && message.messageIds.length))
                                message.messageIds = [];
                            message.messageIds.push(reader.stringVerify());
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Gets the type url for Ack
             * @function getTypeUrl
             * @memberof homing.device.Ack
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Ack.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/homing.device.Ack";
            };

            return Ack;
        })();

        device.Click = (function() {

            /**
             * Properties of a Click.
             * @typedef {Object} homing.device.Click.$Properties
             * @property {string|null} [messageId] Click messageId
             * @property {string|null} [accessId] Click accessId
             * @property {string|null} [action] Click action
             * @property {number|null} [clickedAt] Click clickedAt
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Click.
             * @memberof homing.device
             * @interface IClick
             * @augments homing.device.Click.$Properties
             * @deprecated Use homing.device.Click.$Properties instead.
             */

            /**
             * Shape of a Click.
             * @typedef {homing.device.Click.$Properties} homing.device.Click.$Shape
             */

            /**
             * Constructs a new Click.
             * @memberof homing.device
             * @classdesc Represents a Click.
             * @constructor
             * @param {homing.device.Click.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Click = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Click messageId.
             * @member {string} messageId
             * @memberof homing.device.Click
             * @instance
             */
            Click.prototype.messageId = "";

            /**
             * Click accessId.
             * @member {string} accessId
             * @memberof homing.device.Click
             * @instance
             */
            Click.prototype.accessId = "";

            /**
             * Click action.
             * @member {string} action
             * @memberof homing.device.Click
             * @instance
             */
            Click.prototype.action = "";

            /**
             * Click clickedAt.
             * @member {number} clickedAt
             * @memberof homing.device.Click
             * @instance
             */
            Click.prototype.clickedAt = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Creates a new Click instance using the specified properties.
             * @function create
             * @memberof homing.device.Click
             * @static
             * @param {homing.device.Click.$Properties=} [properties] Properties to set
             * @returns {homing.device.Click} Click instance
             * @type {{
             *   (properties: homing.device.Click.$Shape): homing.device.Click & homing.device.Click.$Shape;
             *   (properties?: homing.device.Click.$Properties): homing.device.Click;
             * }}
             */
            Click.create = function(properties) {
                return new Click(properties);
            };

            /**
             * Encodes the specified Click message. Does not implicitly {@link homing.device.Click.verify|verify} messages.
             * @function encode
             * @memberof homing.device.Click
             * @static
             * @param {homing.device.Click.$Properties} message Click message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Click.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.messageId != null && $Object.hasOwnProperty.call(message, "messageId") && message.messageId !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.messageId);
                if (message.accessId != null && $Object.hasOwnProperty.call(message, "accessId") && message.accessId !== "")
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.accessId);
                if (message.action != null && $Object.hasOwnProperty.call(message, "action") && message.action !== "")
                    writer.uint32(/* id 3, wireType 2 =*/26).string(message.action);
                if (message.clickedAt != null && $Object.hasOwnProperty.call(message, "clickedAt") && (typeof message.clickedAt === "object" ? message.clickedAt.low || message.clickedAt.high : message.clickedAt !== 0))
                    writer.uint32(/* id 4, wireType 0 =*/32).uint64(message.clickedAt);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a Click message from the specified reader or buffer.
             * @function decode
             * @memberof homing.device.Click
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {homing.device.Click & homing.device.Click.$Shape} Click
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Click.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.homing.device.Click();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.messageId = value;
                            else
                                delete message.messageId;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.accessId = value;
                            else
                                delete message.accessId;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.action = value;
                            else
                                delete message.action;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.clickedAt = value;
                            else
                                delete message.clickedAt;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Gets the type url for Click
             * @function getTypeUrl
             * @memberof homing.device.Click
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Click.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/homing.device.Click";
            };

            return Click;
        })();

        device.TagChange = (function() {

            /**
             * Properties of a TagChange.
             * @typedef {Object} homing.device.TagChange.$Properties
             * @property {number|null} [requestId] TagChange requestId
             * @property {string|null} [accessId] TagChange accessId
             * @property {homing.device.TagOperation|null} [operation] TagChange operation
             * @property {Array.<string>|null} [tags] TagChange tags
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a TagChange.
             * @memberof homing.device
             * @interface ITagChange
             * @augments homing.device.TagChange.$Properties
             * @deprecated Use homing.device.TagChange.$Properties instead.
             */

            /**
             * Shape of a TagChange.
             * @typedef {homing.device.TagChange.$Properties} homing.device.TagChange.$Shape
             */

            /**
             * Constructs a new TagChange.
             * @memberof homing.device
             * @classdesc Represents a TagChange.
             * @constructor
             * @param {homing.device.TagChange.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const TagChange = function (properties) {
                this.tags = [];
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * TagChange requestId.
             * @member {number} requestId
             * @memberof homing.device.TagChange
             * @instance
             */
            TagChange.prototype.requestId = 0;

            /**
             * TagChange accessId.
             * @member {string} accessId
             * @memberof homing.device.TagChange
             * @instance
             */
            TagChange.prototype.accessId = "";

            /**
             * TagChange operation.
             * @member {homing.device.TagOperation} operation
             * @memberof homing.device.TagChange
             * @instance
             */
            TagChange.prototype.operation = 0;

            /**
             * TagChange tags.
             * @member {Array.<string>} tags
             * @memberof homing.device.TagChange
             * @instance
             */
            TagChange.prototype.tags = $util.emptyArray;

            /**
             * Creates a new TagChange instance using the specified properties.
             * @function create
             * @memberof homing.device.TagChange
             * @static
             * @param {homing.device.TagChange.$Properties=} [properties] Properties to set
             * @returns {homing.device.TagChange} TagChange instance
             * @type {{
             *   (properties: homing.device.TagChange.$Shape): homing.device.TagChange & homing.device.TagChange.$Shape;
             *   (properties?: homing.device.TagChange.$Properties): homing.device.TagChange;
             * }}
             */
            TagChange.create = function(properties) {
                return new TagChange(properties);
            };

            /**
             * Encodes the specified TagChange message. Does not implicitly {@link homing.device.TagChange.verify|verify} messages.
             * @function encode
             * @memberof homing.device.TagChange
             * @static
             * @param {homing.device.TagChange.$Properties} message TagChange message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            TagChange.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.requestId != null && $Object.hasOwnProperty.call(message, "requestId") && message.requestId !== 0)
                    writer.uint32(/* id 1, wireType 0 =*/8).uint32(message.requestId);
                if (message.accessId != null && $Object.hasOwnProperty.call(message, "accessId") && message.accessId !== "")
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.accessId);
                if (message.operation != null && $Object.hasOwnProperty.call(message, "operation") && message.operation !== 0)
                    writer.uint32(/* id 3, wireType 0 =*/24).int32(message.operation);
                if (message.tags != null && message.tags.length)
                    for (let i = 0; i < message.tags.length; ++i)
                        writer.uint32(/* id 4, wireType 2 =*/34).string(message.tags[i]);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a TagChange message from the specified reader or buffer.
             * @function decode
             * @memberof homing.device.TagChange
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {homing.device.TagChange & homing.device.TagChange.$Shape} TagChange
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            TagChange.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.homing.device.TagChange();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.requestId = value;
                            else
                                delete message.requestId;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.accessId = value;
                            else
                                delete message.accessId;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.int32())
                                message.operation = value;
                            else
                                delete message.operation;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 2)
                                break;
                            if (!(message.tags && message.tags.length))
                                message.tags = [];
                            message.tags.push(reader.stringVerify());
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Gets the type url for TagChange
             * @function getTypeUrl
             * @memberof homing.device.TagChange
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            TagChange.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/homing.device.TagChange";
            };

            return TagChange;
        })();

        /**
         * TagOperation enum.
         * @name homing.device.TagOperation
         * @enum {number}
         * @property {number} TAG_OPERATION_UNSPECIFIED=0 TAG_OPERATION_UNSPECIFIED value
         * @property {number} TAG_SET=1 TAG_SET value
         * @property {number} TAG_ADD=2 TAG_ADD value
         * @property {number} TAG_REMOVE=3 TAG_REMOVE value
         */
        device.TagOperation = (function() {
            const valuesById = $Object.create(null), values = $Object.create(valuesById);
            values[valuesById[0] = "TAG_OPERATION_UNSPECIFIED"] = 0;
            values[valuesById[1] = "TAG_SET"] = 1;
            values[valuesById[2] = "TAG_ADD"] = 2;
            values[valuesById[3] = "TAG_REMOVE"] = 3;
            return values;
        })();

        device.AccountChange = (function() {

            /**
             * Properties of an AccountChange.
             * @typedef {Object} homing.device.AccountChange.$Properties
             * @property {number|null} [requestId] AccountChange requestId
             * @property {string|null} [accessId] AccountChange accessId
             * @property {homing.device.AccountOperation|null} [operation] AccountChange operation
             * @property {Array.<homing.device.Account.$Properties>|null} [accounts] AccountChange accounts
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of an AccountChange.
             * @memberof homing.device
             * @interface IAccountChange
             * @augments homing.device.AccountChange.$Properties
             * @deprecated Use homing.device.AccountChange.$Properties instead.
             */

            /**
             * Shape of an AccountChange.
             * @typedef {homing.device.AccountChange.$Properties} homing.device.AccountChange.$Shape
             */

            /**
             * Constructs a new AccountChange.
             * @memberof homing.device
             * @classdesc Represents an AccountChange.
             * @constructor
             * @param {homing.device.AccountChange.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const AccountChange = function (properties) {
                this.accounts = [];
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * AccountChange requestId.
             * @member {number} requestId
             * @memberof homing.device.AccountChange
             * @instance
             */
            AccountChange.prototype.requestId = 0;

            /**
             * AccountChange accessId.
             * @member {string} accessId
             * @memberof homing.device.AccountChange
             * @instance
             */
            AccountChange.prototype.accessId = "";

            /**
             * AccountChange operation.
             * @member {homing.device.AccountOperation} operation
             * @memberof homing.device.AccountChange
             * @instance
             */
            AccountChange.prototype.operation = 0;

            /**
             * AccountChange accounts.
             * @member {Array.<homing.device.Account.$Properties>} accounts
             * @memberof homing.device.AccountChange
             * @instance
             */
            AccountChange.prototype.accounts = $util.emptyArray;

            /**
             * Creates a new AccountChange instance using the specified properties.
             * @function create
             * @memberof homing.device.AccountChange
             * @static
             * @param {homing.device.AccountChange.$Properties=} [properties] Properties to set
             * @returns {homing.device.AccountChange} AccountChange instance
             * @type {{
             *   (properties: homing.device.AccountChange.$Shape): homing.device.AccountChange & homing.device.AccountChange.$Shape;
             *   (properties?: homing.device.AccountChange.$Properties): homing.device.AccountChange;
             * }}
             */
            AccountChange.create = function(properties) {
                return new AccountChange(properties);
            };

            /**
             * Encodes the specified AccountChange message. Does not implicitly {@link homing.device.AccountChange.verify|verify} messages.
             * @function encode
             * @memberof homing.device.AccountChange
             * @static
             * @param {homing.device.AccountChange.$Properties} message AccountChange message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            AccountChange.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.requestId != null && $Object.hasOwnProperty.call(message, "requestId") && message.requestId !== 0)
                    writer.uint32(/* id 1, wireType 0 =*/8).uint32(message.requestId);
                if (message.accessId != null && $Object.hasOwnProperty.call(message, "accessId") && message.accessId !== "")
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.accessId);
                if (message.operation != null && $Object.hasOwnProperty.call(message, "operation") && message.operation !== 0)
                    writer.uint32(/* id 3, wireType 0 =*/24).int32(message.operation);
                if (message.accounts != null && message.accounts.length)
                    for (let i = 0; i < message.accounts.length; ++i)
                        $root.homing.device.Account.encode(message.accounts[i], writer.uint32(/* id 4, wireType 2 =*/34).fork(), _depth + 1).ldelim();
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes an AccountChange message from the specified reader or buffer.
             * @function decode
             * @memberof homing.device.AccountChange
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {homing.device.AccountChange & homing.device.AccountChange.$Shape} AccountChange
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            AccountChange.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.homing.device.AccountChange();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.requestId = value;
                            else
                                delete message.requestId;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.accessId = value;
                            else
                                delete message.accessId;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.int32())
                                message.operation = value;
                            else
                                delete message.operation;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 2)
                                break;
                            if (!(message.accounts && message.accounts.length))
                                message.accounts = [];
                            message.accounts.push($root.homing.device.Account.decode(reader, reader.size(), $undefined, _depth + 1));
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Gets the type url for AccountChange
             * @function getTypeUrl
             * @memberof homing.device.AccountChange
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            AccountChange.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/homing.device.AccountChange";
            };

            return AccountChange;
        })();

        /**
         * AccountOperation enum.
         * @name homing.device.AccountOperation
         * @enum {number}
         * @property {number} ACCOUNT_OPERATION_UNSPECIFIED=0 ACCOUNT_OPERATION_UNSPECIFIED value
         * @property {number} ACCOUNT_BIND=1 ACCOUNT_BIND value
         * @property {number} ACCOUNT_APPEND=2 ACCOUNT_APPEND value
         * @property {number} ACCOUNT_REMOVE=3 ACCOUNT_REMOVE value
         */
        device.AccountOperation = (function() {
            const valuesById = $Object.create(null), values = $Object.create(valuesById);
            values[valuesById[0] = "ACCOUNT_OPERATION_UNSPECIFIED"] = 0;
            values[valuesById[1] = "ACCOUNT_BIND"] = 1;
            values[valuesById[2] = "ACCOUNT_APPEND"] = 2;
            values[valuesById[3] = "ACCOUNT_REMOVE"] = 3;
            return values;
        })();

        device.Account = (function() {

            /**
             * Properties of an Account.
             * @typedef {Object} homing.device.Account.$Properties
             * @property {string|null} [account] Account account
             * @property {number|null} [accountType] Account accountType
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of an Account.
             * @memberof homing.device
             * @interface IAccount
             * @augments homing.device.Account.$Properties
             * @deprecated Use homing.device.Account.$Properties instead.
             */

            /**
             * Shape of an Account.
             * @typedef {homing.device.Account.$Properties} homing.device.Account.$Shape
             */

            /**
             * Constructs a new Account.
             * @memberof homing.device
             * @classdesc Represents an Account.
             * @constructor
             * @param {homing.device.Account.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Account = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Account account.
             * @member {string} account
             * @memberof homing.device.Account
             * @instance
             */
            Account.prototype.account = "";

            /**
             * Account accountType.
             * @member {number} accountType
             * @memberof homing.device.Account
             * @instance
             */
            Account.prototype.accountType = 0;

            /**
             * Creates a new Account instance using the specified properties.
             * @function create
             * @memberof homing.device.Account
             * @static
             * @param {homing.device.Account.$Properties=} [properties] Properties to set
             * @returns {homing.device.Account} Account instance
             * @type {{
             *   (properties: homing.device.Account.$Shape): homing.device.Account & homing.device.Account.$Shape;
             *   (properties?: homing.device.Account.$Properties): homing.device.Account;
             * }}
             */
            Account.create = function(properties) {
                return new Account(properties);
            };

            /**
             * Encodes the specified Account message. Does not implicitly {@link homing.device.Account.verify|verify} messages.
             * @function encode
             * @memberof homing.device.Account
             * @static
             * @param {homing.device.Account.$Properties} message Account message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Account.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.account != null && $Object.hasOwnProperty.call(message, "account") && message.account !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.account);
                if (message.accountType != null && $Object.hasOwnProperty.call(message, "accountType") && message.accountType !== 0)
                    writer.uint32(/* id 2, wireType 0 =*/16).uint32(message.accountType);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes an Account message from the specified reader or buffer.
             * @function decode
             * @memberof homing.device.Account
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {homing.device.Account & homing.device.Account.$Shape} Account
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Account.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.homing.device.Account();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.account = value;
                            else
                                delete message.account;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.accountType = value;
                            else
                                delete message.accountType;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Gets the type url for Account
             * @function getTypeUrl
             * @memberof homing.device.Account
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Account.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/homing.device.Account";
            };

            return Account;
        })();

        device.ServerFrame = (function() {

            /**
             * Properties of a ServerFrame.
             * @typedef {Object} homing.device.ServerFrame.$Properties
             * @property {homing.device.Welcome.$Properties|null} [welcome] ServerFrame welcome
             * @property {homing.device.Pong.$Properties|null} [pong] ServerFrame pong
             * @property {homing.device.Push.$Properties|null} [push] ServerFrame push
             * @property {homing.device.Error.$Properties|null} [error] ServerFrame error
             * @property {homing.device.Goaway.$Properties|null} [goaway] ServerFrame goaway
             * @property {homing.device.Result.$Properties|null} [result] ServerFrame result
             * @property {"welcome"|"pong"|"push"|"error"|"goaway"|"result"} [body] ServerFrame body
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a ServerFrame.
             * @memberof homing.device
             * @interface IServerFrame
             * @augments homing.device.ServerFrame.$Properties
             * @deprecated Use homing.device.ServerFrame.$Properties instead.
             */

            /**
             * Narrowed shape of a ServerFrame.
             * @typedef {{
             *   welcome?: homing.device.Welcome.$Shape|null;
             *   pong?: homing.device.Pong.$Shape|null;
             *   push?: homing.device.Push.$Shape|null;
             *   error?: homing.device.Error.$Shape|null;
             *   goaway?: homing.device.Goaway.$Shape|null;
             *   result?: homing.device.Result.$Shape|null;
             *   $unknowns?: Array.<Uint8Array>;
             * } & (
             *   ({ body?: undefined; welcome?: null; pong?: null; push?: null; error?: null; goaway?: null; result?: null }|{ body?: "welcome"; welcome: homing.device.Welcome.$Shape; pong?: null; push?: null; error?: null; goaway?: null; result?: null }|{ body?: "pong"; welcome?: null; pong: homing.device.Pong.$Shape; push?: null; error?: null; goaway?: null; result?: null }|{ body?: "push"; welcome?: null; pong?: null; push: homing.device.Push.$Shape; error?: null; goaway?: null; result?: null }|{ body?: "error"; welcome?: null; pong?: null; push?: null; error: homing.device.Error.$Shape; goaway?: null; result?: null }|{ body?: "goaway"; welcome?: null; pong?: null; push?: null; error?: null; goaway: homing.device.Goaway.$Shape; result?: null }|{ body?: "result"; welcome?: null; pong?: null; push?: null; error?: null; goaway?: null; result: homing.device.Result.$Shape })
             * )} homing.device.ServerFrame.$Shape
             */

            /**
             * Constructs a new ServerFrame.
             * @memberof homing.device
             * @classdesc Represents a ServerFrame.
             * @constructor
             * @param {homing.device.ServerFrame.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const ServerFrame = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * ServerFrame welcome.
             * @member {homing.device.Welcome.$Properties|null|undefined} welcome
             * @memberof homing.device.ServerFrame
             * @instance
             */
            ServerFrame.prototype.welcome = null;

            /**
             * ServerFrame pong.
             * @member {homing.device.Pong.$Properties|null|undefined} pong
             * @memberof homing.device.ServerFrame
             * @instance
             */
            ServerFrame.prototype.pong = null;

            /**
             * ServerFrame push.
             * @member {homing.device.Push.$Properties|null|undefined} push
             * @memberof homing.device.ServerFrame
             * @instance
             */
            ServerFrame.prototype.push = null;

            /**
             * ServerFrame error.
             * @member {homing.device.Error.$Properties|null|undefined} error
             * @memberof homing.device.ServerFrame
             * @instance
             */
            ServerFrame.prototype.error = null;

            /**
             * ServerFrame goaway.
             * @member {homing.device.Goaway.$Properties|null|undefined} goaway
             * @memberof homing.device.ServerFrame
             * @instance
             */
            ServerFrame.prototype.goaway = null;

            /**
             * ServerFrame result.
             * @member {homing.device.Result.$Properties|null|undefined} result
             * @memberof homing.device.ServerFrame
             * @instance
             */
            ServerFrame.prototype.result = null;

            // OneOf field names bound to virtual getters and setters
            let $oneOfFields;

            /**
             * ServerFrame body.
             * @member {"welcome"|"pong"|"push"|"error"|"goaway"|"result"|undefined} body
             * @memberof homing.device.ServerFrame
             * @instance
             */
            $Object.defineProperty(ServerFrame.prototype, "body", {
                get: $util.oneOfGetter($oneOfFields = ["welcome", "pong", "push", "error", "goaway", "result"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            /**
             * Creates a new ServerFrame instance using the specified properties.
             * @function create
             * @memberof homing.device.ServerFrame
             * @static
             * @param {homing.device.ServerFrame.$Properties=} [properties] Properties to set
             * @returns {homing.device.ServerFrame} ServerFrame instance
             * @type {{
             *   (properties: homing.device.ServerFrame.$Shape): homing.device.ServerFrame & homing.device.ServerFrame.$Shape;
             *   (properties?: homing.device.ServerFrame.$Properties): homing.device.ServerFrame;
             * }}
             */
            ServerFrame.create = function(properties) {
                return new ServerFrame(properties);
            };

            /**
             * Encodes the specified ServerFrame message. Does not implicitly {@link homing.device.ServerFrame.verify|verify} messages.
             * @function encode
             * @memberof homing.device.ServerFrame
             * @static
             * @param {homing.device.ServerFrame.$Properties} message ServerFrame message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            ServerFrame.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.welcome != null && $Object.hasOwnProperty.call(message, "welcome"))
                    $root.homing.device.Welcome.encode(message.welcome, writer.uint32(/* id 1, wireType 2 =*/10).fork(), _depth + 1).ldelim();
                if (message.pong != null && $Object.hasOwnProperty.call(message, "pong"))
                    $root.homing.device.Pong.encode(message.pong, writer.uint32(/* id 2, wireType 2 =*/18).fork(), _depth + 1).ldelim();
                if (message.push != null && $Object.hasOwnProperty.call(message, "push"))
                    $root.homing.device.Push.encode(message.push, writer.uint32(/* id 3, wireType 2 =*/26).fork(), _depth + 1).ldelim();
                if (message.error != null && $Object.hasOwnProperty.call(message, "error"))
                    $root.homing.device.Error.encode(message.error, writer.uint32(/* id 4, wireType 2 =*/34).fork(), _depth + 1).ldelim();
                if (message.goaway != null && $Object.hasOwnProperty.call(message, "goaway"))
                    $root.homing.device.Goaway.encode(message.goaway, writer.uint32(/* id 5, wireType 2 =*/42).fork(), _depth + 1).ldelim();
                if (message.result != null && $Object.hasOwnProperty.call(message, "result"))
                    $root.homing.device.Result.encode(message.result, writer.uint32(/* id 6, wireType 2 =*/50).fork(), _depth + 1).ldelim();
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a ServerFrame message from the specified reader or buffer.
             * @function decode
             * @memberof homing.device.ServerFrame
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {homing.device.ServerFrame & homing.device.ServerFrame.$Shape} ServerFrame
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            ServerFrame.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.homing.device.ServerFrame();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            message.welcome = $root.homing.device.Welcome.decode(reader, reader.size(), $undefined, _depth + 1, message.welcome);
                            message.body = "welcome";
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            message.pong = $root.homing.device.Pong.decode(reader, reader.size(), $undefined, _depth + 1, message.pong);
                            message.body = "pong";
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            message.push = $root.homing.device.Push.decode(reader, reader.size(), $undefined, _depth + 1, message.push);
                            message.body = "push";
                            continue;
                        }
                    case 4: {
                            if (wireType !== 2)
                                break;
                            message.error = $root.homing.device.Error.decode(reader, reader.size(), $undefined, _depth + 1, message.error);
                            message.body = "error";
                            continue;
                        }
                    case 5: {
                            if (wireType !== 2)
                                break;
                            message.goaway = $root.homing.device.Goaway.decode(reader, reader.size(), $undefined, _depth + 1, message.goaway);
                            message.body = "goaway";
                            continue;
                        }
                    case 6: {
                            if (wireType !== 2)
                                break;
                            message.result = $root.homing.device.Result.decode(reader, reader.size(), $undefined, _depth + 1, message.result);
                            message.body = "result";
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Gets the type url for ServerFrame
             * @function getTypeUrl
             * @memberof homing.device.ServerFrame
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            ServerFrame.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/homing.device.ServerFrame";
            };

            return ServerFrame;
        })();

        device.Welcome = (function() {

            /**
             * Properties of a Welcome.
             * @typedef {Object} homing.device.Welcome.$Properties
             * @property {Array.<homing.device.AppSession.$Properties>|null} [apps] Welcome apps
             * @property {number|null} [heartbeatIntervalMs] Welcome heartbeatIntervalMs
             * @property {string|null} [nodeId] Welcome nodeId
             * @property {number|null} [maxFrameBytes] Welcome maxFrameBytes
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Welcome.
             * @memberof homing.device
             * @interface IWelcome
             * @augments homing.device.Welcome.$Properties
             * @deprecated Use homing.device.Welcome.$Properties instead.
             */

            /**
             * Shape of a Welcome.
             * @typedef {homing.device.Welcome.$Properties} homing.device.Welcome.$Shape
             */

            /**
             * Constructs a new Welcome.
             * @memberof homing.device
             * @classdesc Represents a Welcome.
             * @constructor
             * @param {homing.device.Welcome.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Welcome = function (properties) {
                this.apps = [];
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Welcome apps.
             * @member {Array.<homing.device.AppSession.$Properties>} apps
             * @memberof homing.device.Welcome
             * @instance
             */
            Welcome.prototype.apps = $util.emptyArray;

            /**
             * Welcome heartbeatIntervalMs.
             * @member {number} heartbeatIntervalMs
             * @memberof homing.device.Welcome
             * @instance
             */
            Welcome.prototype.heartbeatIntervalMs = 0;

            /**
             * Welcome nodeId.
             * @member {string} nodeId
             * @memberof homing.device.Welcome
             * @instance
             */
            Welcome.prototype.nodeId = "";

            /**
             * Welcome maxFrameBytes.
             * @member {number} maxFrameBytes
             * @memberof homing.device.Welcome
             * @instance
             */
            Welcome.prototype.maxFrameBytes = 0;

            /**
             * Creates a new Welcome instance using the specified properties.
             * @function create
             * @memberof homing.device.Welcome
             * @static
             * @param {homing.device.Welcome.$Properties=} [properties] Properties to set
             * @returns {homing.device.Welcome} Welcome instance
             * @type {{
             *   (properties: homing.device.Welcome.$Shape): homing.device.Welcome & homing.device.Welcome.$Shape;
             *   (properties?: homing.device.Welcome.$Properties): homing.device.Welcome;
             * }}
             */
            Welcome.create = function(properties) {
                return new Welcome(properties);
            };

            /**
             * Encodes the specified Welcome message. Does not implicitly {@link homing.device.Welcome.verify|verify} messages.
             * @function encode
             * @memberof homing.device.Welcome
             * @static
             * @param {homing.device.Welcome.$Properties} message Welcome message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Welcome.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.apps != null && message.apps.length)
                    for (let i = 0; i < message.apps.length; ++i)
                        $root.homing.device.AppSession.encode(message.apps[i], writer.uint32(/* id 1, wireType 2 =*/10).fork(), _depth + 1).ldelim();
                if (message.heartbeatIntervalMs != null && $Object.hasOwnProperty.call(message, "heartbeatIntervalMs") && message.heartbeatIntervalMs !== 0)
                    writer.uint32(/* id 2, wireType 0 =*/16).uint32(message.heartbeatIntervalMs);
                if (message.nodeId != null && $Object.hasOwnProperty.call(message, "nodeId") && message.nodeId !== "")
                    writer.uint32(/* id 3, wireType 2 =*/26).string(message.nodeId);
                if (message.maxFrameBytes != null && $Object.hasOwnProperty.call(message, "maxFrameBytes") && message.maxFrameBytes !== 0)
                    writer.uint32(/* id 4, wireType 0 =*/32).uint32(message.maxFrameBytes);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a Welcome message from the specified reader or buffer.
             * @function decode
             * @memberof homing.device.Welcome
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {homing.device.Welcome & homing.device.Welcome.$Shape} Welcome
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Welcome.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.homing.device.Welcome();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if (!(message.apps && message.apps.length))
                                message.apps = [];
                            message.apps.push($root.homing.device.AppSession.decode(reader, reader.size(), $undefined, _depth + 1));
                            continue;
                        }
                    case 2: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.heartbeatIntervalMs = value;
                            else
                                delete message.heartbeatIntervalMs;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.nodeId = value;
                            else
                                delete message.nodeId;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.maxFrameBytes = value;
                            else
                                delete message.maxFrameBytes;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Gets the type url for Welcome
             * @function getTypeUrl
             * @memberof homing.device.Welcome
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Welcome.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/homing.device.Welcome";
            };

            return Welcome;
        })();

        device.AppSession = (function() {

            /**
             * Properties of an AppSession.
             * @typedef {Object} homing.device.AppSession.$Properties
             * @property {string|null} [accessId] AppSession accessId
             * @property {string|null} [token] AppSession token
             * @property {string|null} [tokenSecret] AppSession tokenSecret
             * @property {boolean|null} [resumed] AppSession resumed
             * @property {string|null} [broadcastId] AppSession broadcastId
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of an AppSession.
             * @memberof homing.device
             * @interface IAppSession
             * @augments homing.device.AppSession.$Properties
             * @deprecated Use homing.device.AppSession.$Properties instead.
             */

            /**
             * Shape of an AppSession.
             * @typedef {homing.device.AppSession.$Properties} homing.device.AppSession.$Shape
             */

            /**
             * Constructs a new AppSession.
             * @memberof homing.device
             * @classdesc Represents an AppSession.
             * @constructor
             * @param {homing.device.AppSession.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const AppSession = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * AppSession accessId.
             * @member {string} accessId
             * @memberof homing.device.AppSession
             * @instance
             */
            AppSession.prototype.accessId = "";

            /**
             * AppSession token.
             * @member {string} token
             * @memberof homing.device.AppSession
             * @instance
             */
            AppSession.prototype.token = "";

            /**
             * AppSession tokenSecret.
             * @member {string} tokenSecret
             * @memberof homing.device.AppSession
             * @instance
             */
            AppSession.prototype.tokenSecret = "";

            /**
             * AppSession resumed.
             * @member {boolean} resumed
             * @memberof homing.device.AppSession
             * @instance
             */
            AppSession.prototype.resumed = false;

            /**
             * AppSession broadcastId.
             * @member {string} broadcastId
             * @memberof homing.device.AppSession
             * @instance
             */
            AppSession.prototype.broadcastId = "";

            /**
             * Creates a new AppSession instance using the specified properties.
             * @function create
             * @memberof homing.device.AppSession
             * @static
             * @param {homing.device.AppSession.$Properties=} [properties] Properties to set
             * @returns {homing.device.AppSession} AppSession instance
             * @type {{
             *   (properties: homing.device.AppSession.$Shape): homing.device.AppSession & homing.device.AppSession.$Shape;
             *   (properties?: homing.device.AppSession.$Properties): homing.device.AppSession;
             * }}
             */
            AppSession.create = function(properties) {
                return new AppSession(properties);
            };

            /**
             * Encodes the specified AppSession message. Does not implicitly {@link homing.device.AppSession.verify|verify} messages.
             * @function encode
             * @memberof homing.device.AppSession
             * @static
             * @param {homing.device.AppSession.$Properties} message AppSession message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            AppSession.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.accessId != null && $Object.hasOwnProperty.call(message, "accessId") && message.accessId !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.accessId);
                if (message.token != null && $Object.hasOwnProperty.call(message, "token") && message.token !== "")
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.token);
                if (message.tokenSecret != null && $Object.hasOwnProperty.call(message, "tokenSecret") && message.tokenSecret !== "")
                    writer.uint32(/* id 3, wireType 2 =*/26).string(message.tokenSecret);
                if (message.resumed != null && $Object.hasOwnProperty.call(message, "resumed") && message.resumed !== false)
                    writer.uint32(/* id 4, wireType 0 =*/32).bool(message.resumed);
                if (message.broadcastId != null && $Object.hasOwnProperty.call(message, "broadcastId") && message.broadcastId !== "")
                    writer.uint32(/* id 5, wireType 2 =*/42).string(message.broadcastId);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes an AppSession message from the specified reader or buffer.
             * @function decode
             * @memberof homing.device.AppSession
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {homing.device.AppSession & homing.device.AppSession.$Shape} AppSession
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            AppSession.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.homing.device.AppSession();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.accessId = value;
                            else
                                delete message.accessId;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.token = value;
                            else
                                delete message.token;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.tokenSecret = value;
                            else
                                delete message.tokenSecret;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.bool())
                                message.resumed = value;
                            else
                                delete message.resumed;
                            continue;
                        }
                    case 5: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.broadcastId = value;
                            else
                                delete message.broadcastId;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Gets the type url for AppSession
             * @function getTypeUrl
             * @memberof homing.device.AppSession
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            AppSession.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/homing.device.AppSession";
            };

            return AppSession;
        })();

        device.Pong = (function() {

            /**
             * Properties of a Pong.
             * @typedef {Object} homing.device.Pong.$Properties
             * @property {number|null} [clientTime] Pong clientTime
             * @property {number|null} [serverTime] Pong serverTime
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Pong.
             * @memberof homing.device
             * @interface IPong
             * @augments homing.device.Pong.$Properties
             * @deprecated Use homing.device.Pong.$Properties instead.
             */

            /**
             * Shape of a Pong.
             * @typedef {homing.device.Pong.$Properties} homing.device.Pong.$Shape
             */

            /**
             * Constructs a new Pong.
             * @memberof homing.device
             * @classdesc Represents a Pong.
             * @constructor
             * @param {homing.device.Pong.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Pong = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Pong clientTime.
             * @member {number} clientTime
             * @memberof homing.device.Pong
             * @instance
             */
            Pong.prototype.clientTime = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Pong serverTime.
             * @member {number} serverTime
             * @memberof homing.device.Pong
             * @instance
             */
            Pong.prototype.serverTime = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Creates a new Pong instance using the specified properties.
             * @function create
             * @memberof homing.device.Pong
             * @static
             * @param {homing.device.Pong.$Properties=} [properties] Properties to set
             * @returns {homing.device.Pong} Pong instance
             * @type {{
             *   (properties: homing.device.Pong.$Shape): homing.device.Pong & homing.device.Pong.$Shape;
             *   (properties?: homing.device.Pong.$Properties): homing.device.Pong;
             * }}
             */
            Pong.create = function(properties) {
                return new Pong(properties);
            };

            /**
             * Encodes the specified Pong message. Does not implicitly {@link homing.device.Pong.verify|verify} messages.
             * @function encode
             * @memberof homing.device.Pong
             * @static
             * @param {homing.device.Pong.$Properties} message Pong message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Pong.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.clientTime != null && $Object.hasOwnProperty.call(message, "clientTime") && (typeof message.clientTime === "object" ? message.clientTime.low || message.clientTime.high : message.clientTime !== 0))
                    writer.uint32(/* id 1, wireType 0 =*/8).uint64(message.clientTime);
                if (message.serverTime != null && $Object.hasOwnProperty.call(message, "serverTime") && (typeof message.serverTime === "object" ? message.serverTime.low || message.serverTime.high : message.serverTime !== 0))
                    writer.uint32(/* id 2, wireType 0 =*/16).uint64(message.serverTime);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a Pong message from the specified reader or buffer.
             * @function decode
             * @memberof homing.device.Pong
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {homing.device.Pong & homing.device.Pong.$Shape} Pong
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Pong.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.homing.device.Pong();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.clientTime = value;
                            else
                                delete message.clientTime;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.serverTime = value;
                            else
                                delete message.serverTime;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Gets the type url for Pong
             * @function getTypeUrl
             * @memberof homing.device.Pong
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Pong.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/homing.device.Pong";
            };

            return Pong;
        })();

        /**
         * MessageType enum.
         * @name homing.device.MessageType
         * @enum {number}
         * @property {number} MESSAGE_TYPE_UNSPECIFIED=0 MESSAGE_TYPE_UNSPECIFIED value
         * @property {number} NOTIFY=1 NOTIFY value
         * @property {number} MESSAGE=2 MESSAGE value
         */
        device.MessageType = (function() {
            const valuesById = $Object.create(null), values = $Object.create(valuesById);
            values[valuesById[0] = "MESSAGE_TYPE_UNSPECIFIED"] = 0;
            values[valuesById[1] = "NOTIFY"] = 1;
            values[valuesById[2] = "MESSAGE"] = 2;
            return values;
        })();

        device.Push = (function() {

            /**
             * Properties of a Push.
             * @typedef {Object} homing.device.Push.$Properties
             * @property {string|null} [messageId] Push messageId
             * @property {string|null} [accessId] Push accessId
             * @property {string|null} [token] Push token
             * @property {homing.device.MessageType|null} [type] Push type
             * @property {string|null} [title] Push title
             * @property {string|null} [content] Push content
             * @property {string|null} [customContent] Push customContent
             * @property {number|null} [expiresAt] Push expiresAt
             * @property {string|null} [pushId] Push pushId
             * @property {number|null} [sentAt] Push sentAt
             * @property {boolean|null} [broadcast] Push broadcast
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Push.
             * @memberof homing.device
             * @interface IPush
             * @augments homing.device.Push.$Properties
             * @deprecated Use homing.device.Push.$Properties instead.
             */

            /**
             * Shape of a Push.
             * @typedef {homing.device.Push.$Properties} homing.device.Push.$Shape
             */

            /**
             * Constructs a new Push.
             * @memberof homing.device
             * @classdesc Represents a Push.
             * @constructor
             * @param {homing.device.Push.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Push = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Push messageId.
             * @member {string} messageId
             * @memberof homing.device.Push
             * @instance
             */
            Push.prototype.messageId = "";

            /**
             * Push accessId.
             * @member {string} accessId
             * @memberof homing.device.Push
             * @instance
             */
            Push.prototype.accessId = "";

            /**
             * Push token.
             * @member {string} token
             * @memberof homing.device.Push
             * @instance
             */
            Push.prototype.token = "";

            /**
             * Push type.
             * @member {homing.device.MessageType} type
             * @memberof homing.device.Push
             * @instance
             */
            Push.prototype.type = 0;

            /**
             * Push title.
             * @member {string} title
             * @memberof homing.device.Push
             * @instance
             */
            Push.prototype.title = "";

            /**
             * Push content.
             * @member {string} content
             * @memberof homing.device.Push
             * @instance
             */
            Push.prototype.content = "";

            /**
             * Push customContent.
             * @member {string} customContent
             * @memberof homing.device.Push
             * @instance
             */
            Push.prototype.customContent = "";

            /**
             * Push expiresAt.
             * @member {number} expiresAt
             * @memberof homing.device.Push
             * @instance
             */
            Push.prototype.expiresAt = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Push pushId.
             * @member {string} pushId
             * @memberof homing.device.Push
             * @instance
             */
            Push.prototype.pushId = "";

            /**
             * Push sentAt.
             * @member {number} sentAt
             * @memberof homing.device.Push
             * @instance
             */
            Push.prototype.sentAt = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Push broadcast.
             * @member {boolean} broadcast
             * @memberof homing.device.Push
             * @instance
             */
            Push.prototype.broadcast = false;

            /**
             * Creates a new Push instance using the specified properties.
             * @function create
             * @memberof homing.device.Push
             * @static
             * @param {homing.device.Push.$Properties=} [properties] Properties to set
             * @returns {homing.device.Push} Push instance
             * @type {{
             *   (properties: homing.device.Push.$Shape): homing.device.Push & homing.device.Push.$Shape;
             *   (properties?: homing.device.Push.$Properties): homing.device.Push;
             * }}
             */
            Push.create = function(properties) {
                return new Push(properties);
            };

            /**
             * Encodes the specified Push message. Does not implicitly {@link homing.device.Push.verify|verify} messages.
             * @function encode
             * @memberof homing.device.Push
             * @static
             * @param {homing.device.Push.$Properties} message Push message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Push.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.messageId != null && $Object.hasOwnProperty.call(message, "messageId") && message.messageId !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.messageId);
                if (message.accessId != null && $Object.hasOwnProperty.call(message, "accessId") && message.accessId !== "")
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.accessId);
                if (message.token != null && $Object.hasOwnProperty.call(message, "token") && message.token !== "")
                    writer.uint32(/* id 3, wireType 2 =*/26).string(message.token);
                if (message.type != null && $Object.hasOwnProperty.call(message, "type") && message.type !== 0)
                    writer.uint32(/* id 4, wireType 0 =*/32).int32(message.type);
                if (message.title != null && $Object.hasOwnProperty.call(message, "title") && message.title !== "")
                    writer.uint32(/* id 5, wireType 2 =*/42).string(message.title);
                if (message.content != null && $Object.hasOwnProperty.call(message, "content") && message.content !== "")
                    writer.uint32(/* id 6, wireType 2 =*/50).string(message.content);
                if (message.customContent != null && $Object.hasOwnProperty.call(message, "customContent") && message.customContent !== "")
                    writer.uint32(/* id 7, wireType 2 =*/58).string(message.customContent);
                if (message.expiresAt != null && $Object.hasOwnProperty.call(message, "expiresAt") && (typeof message.expiresAt === "object" ? message.expiresAt.low || message.expiresAt.high : message.expiresAt !== 0))
                    writer.uint32(/* id 8, wireType 0 =*/64).uint64(message.expiresAt);
                if (message.pushId != null && $Object.hasOwnProperty.call(message, "pushId") && message.pushId !== "")
                    writer.uint32(/* id 9, wireType 2 =*/74).string(message.pushId);
                if (message.sentAt != null && $Object.hasOwnProperty.call(message, "sentAt") && (typeof message.sentAt === "object" ? message.sentAt.low || message.sentAt.high : message.sentAt !== 0))
                    writer.uint32(/* id 10, wireType 0 =*/80).uint64(message.sentAt);
                if (message.broadcast != null && $Object.hasOwnProperty.call(message, "broadcast") && message.broadcast !== false)
                    writer.uint32(/* id 11, wireType 0 =*/88).bool(message.broadcast);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a Push message from the specified reader or buffer.
             * @function decode
             * @memberof homing.device.Push
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {homing.device.Push & homing.device.Push.$Shape} Push
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Push.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.homing.device.Push();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.messageId = value;
                            else
                                delete message.messageId;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.accessId = value;
                            else
                                delete message.accessId;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.token = value;
                            else
                                delete message.token;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.int32())
                                message.type = value;
                            else
                                delete message.type;
                            continue;
                        }
                    case 5: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.title = value;
                            else
                                delete message.title;
                            continue;
                        }
                    case 6: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.content = value;
                            else
                                delete message.content;
                            continue;
                        }
                    case 7: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.customContent = value;
                            else
                                delete message.customContent;
                            continue;
                        }
                    case 8: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.expiresAt = value;
                            else
                                delete message.expiresAt;
                            continue;
                        }
                    case 9: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.pushId = value;
                            else
                                delete message.pushId;
                            continue;
                        }
                    case 10: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.sentAt = value;
                            else
                                delete message.sentAt;
                            continue;
                        }
                    case 11: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.bool())
                                message.broadcast = value;
                            else
                                delete message.broadcast;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Gets the type url for Push
             * @function getTypeUrl
             * @memberof homing.device.Push
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Push.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/homing.device.Push";
            };

            return Push;
        })();

        device.Error = (function() {

            /**
             * Properties of an Error.
             * @typedef {Object} homing.device.Error.$Properties
             * @property {number|null} [code] Error code
             * @property {string|null} [message] Error message
             * @property {boolean|null} [retryable] Error retryable
             * @property {string|null} [accessId] Error accessId
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of an Error.
             * @memberof homing.device
             * @interface IError
             * @augments homing.device.Error.$Properties
             * @deprecated Use homing.device.Error.$Properties instead.
             */

            /**
             * Shape of an Error.
             * @typedef {homing.device.Error.$Properties} homing.device.Error.$Shape
             */

            /**
             * Constructs a new Error.
             * @memberof homing.device
             * @classdesc Represents an Error.
             * @constructor
             * @param {homing.device.Error.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Error = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Error code.
             * @member {number} code
             * @memberof homing.device.Error
             * @instance
             */
            Error.prototype.code = 0;

            /**
             * Error message.
             * @member {string} message
             * @memberof homing.device.Error
             * @instance
             */
            Error.prototype.message = "";

            /**
             * Error retryable.
             * @member {boolean} retryable
             * @memberof homing.device.Error
             * @instance
             */
            Error.prototype.retryable = false;

            /**
             * Error accessId.
             * @member {string} accessId
             * @memberof homing.device.Error
             * @instance
             */
            Error.prototype.accessId = "";

            /**
             * Creates a new Error instance using the specified properties.
             * @function create
             * @memberof homing.device.Error
             * @static
             * @param {homing.device.Error.$Properties=} [properties] Properties to set
             * @returns {homing.device.Error} Error instance
             * @type {{
             *   (properties: homing.device.Error.$Shape): homing.device.Error & homing.device.Error.$Shape;
             *   (properties?: homing.device.Error.$Properties): homing.device.Error;
             * }}
             */
            Error.create = function(properties) {
                return new Error(properties);
            };

            /**
             * Encodes the specified Error message. Does not implicitly {@link homing.device.Error.verify|verify} messages.
             * @function encode
             * @memberof homing.device.Error
             * @static
             * @param {homing.device.Error.$Properties} message Error message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Error.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.code != null && $Object.hasOwnProperty.call(message, "code") && message.code !== 0)
                    writer.uint32(/* id 1, wireType 0 =*/8).uint32(message.code);
                if (message.message != null && $Object.hasOwnProperty.call(message, "message") && message.message !== "")
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.message);
                if (message.retryable != null && $Object.hasOwnProperty.call(message, "retryable") && message.retryable !== false)
                    writer.uint32(/* id 3, wireType 0 =*/24).bool(message.retryable);
                if (message.accessId != null && $Object.hasOwnProperty.call(message, "accessId") && message.accessId !== "")
                    writer.uint32(/* id 4, wireType 2 =*/34).string(message.accessId);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes an Error message from the specified reader or buffer.
             * @function decode
             * @memberof homing.device.Error
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {homing.device.Error & homing.device.Error.$Shape} Error
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Error.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.homing.device.Error();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.code = value;
                            else
                                delete message.code;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.message = value;
                            else
                                delete message.message;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.bool())
                                message.retryable = value;
                            else
                                delete message.retryable;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.accessId = value;
                            else
                                delete message.accessId;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Gets the type url for Error
             * @function getTypeUrl
             * @memberof homing.device.Error
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Error.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/homing.device.Error";
            };

            return Error;
        })();

        device.Goaway = (function() {

            /**
             * Properties of a Goaway.
             * @typedef {Object} homing.device.Goaway.$Properties
             * @property {string|null} [reason] Goaway reason
             * @property {number|null} [reconnectAfterMs] Goaway reconnectAfterMs
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Goaway.
             * @memberof homing.device
             * @interface IGoaway
             * @augments homing.device.Goaway.$Properties
             * @deprecated Use homing.device.Goaway.$Properties instead.
             */

            /**
             * Shape of a Goaway.
             * @typedef {homing.device.Goaway.$Properties} homing.device.Goaway.$Shape
             */

            /**
             * Constructs a new Goaway.
             * @memberof homing.device
             * @classdesc Represents a Goaway.
             * @constructor
             * @param {homing.device.Goaway.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Goaway = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Goaway reason.
             * @member {string} reason
             * @memberof homing.device.Goaway
             * @instance
             */
            Goaway.prototype.reason = "";

            /**
             * Goaway reconnectAfterMs.
             * @member {number} reconnectAfterMs
             * @memberof homing.device.Goaway
             * @instance
             */
            Goaway.prototype.reconnectAfterMs = 0;

            /**
             * Creates a new Goaway instance using the specified properties.
             * @function create
             * @memberof homing.device.Goaway
             * @static
             * @param {homing.device.Goaway.$Properties=} [properties] Properties to set
             * @returns {homing.device.Goaway} Goaway instance
             * @type {{
             *   (properties: homing.device.Goaway.$Shape): homing.device.Goaway & homing.device.Goaway.$Shape;
             *   (properties?: homing.device.Goaway.$Properties): homing.device.Goaway;
             * }}
             */
            Goaway.create = function(properties) {
                return new Goaway(properties);
            };

            /**
             * Encodes the specified Goaway message. Does not implicitly {@link homing.device.Goaway.verify|verify} messages.
             * @function encode
             * @memberof homing.device.Goaway
             * @static
             * @param {homing.device.Goaway.$Properties} message Goaway message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Goaway.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.reason != null && $Object.hasOwnProperty.call(message, "reason") && message.reason !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.reason);
                if (message.reconnectAfterMs != null && $Object.hasOwnProperty.call(message, "reconnectAfterMs") && message.reconnectAfterMs !== 0)
                    writer.uint32(/* id 2, wireType 0 =*/16).uint32(message.reconnectAfterMs);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a Goaway message from the specified reader or buffer.
             * @function decode
             * @memberof homing.device.Goaway
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {homing.device.Goaway & homing.device.Goaway.$Shape} Goaway
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Goaway.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.homing.device.Goaway();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.reason = value;
                            else
                                delete message.reason;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.reconnectAfterMs = value;
                            else
                                delete message.reconnectAfterMs;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Gets the type url for Goaway
             * @function getTypeUrl
             * @memberof homing.device.Goaway
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Goaway.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/homing.device.Goaway";
            };

            return Goaway;
        })();

        device.Result = (function() {

            /**
             * Properties of a Result.
             * @typedef {Object} homing.device.Result.$Properties
             * @property {number|null} [requestId] Result requestId
             * @property {number|null} [code] Result code
             * @property {string|null} [message] Result message
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Result.
             * @memberof homing.device
             * @interface IResult
             * @augments homing.device.Result.$Properties
             * @deprecated Use homing.device.Result.$Properties instead.
             */

            /**
             * Shape of a Result.
             * @typedef {homing.device.Result.$Properties} homing.device.Result.$Shape
             */

            /**
             * Constructs a new Result.
             * @memberof homing.device
             * @classdesc Represents a Result.
             * @constructor
             * @param {homing.device.Result.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Result = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Result requestId.
             * @member {number} requestId
             * @memberof homing.device.Result
             * @instance
             */
            Result.prototype.requestId = 0;

            /**
             * Result code.
             * @member {number} code
             * @memberof homing.device.Result
             * @instance
             */
            Result.prototype.code = 0;

            /**
             * Result message.
             * @member {string} message
             * @memberof homing.device.Result
             * @instance
             */
            Result.prototype.message = "";

            /**
             * Creates a new Result instance using the specified properties.
             * @function create
             * @memberof homing.device.Result
             * @static
             * @param {homing.device.Result.$Properties=} [properties] Properties to set
             * @returns {homing.device.Result} Result instance
             * @type {{
             *   (properties: homing.device.Result.$Shape): homing.device.Result & homing.device.Result.$Shape;
             *   (properties?: homing.device.Result.$Properties): homing.device.Result;
             * }}
             */
            Result.create = function(properties) {
                return new Result(properties);
            };

            /**
             * Encodes the specified Result message. Does not implicitly {@link homing.device.Result.verify|verify} messages.
             * @function encode
             * @memberof homing.device.Result
             * @static
             * @param {homing.device.Result.$Properties} message Result message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Result.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.requestId != null && $Object.hasOwnProperty.call(message, "requestId") && message.requestId !== 0)
                    writer.uint32(/* id 1, wireType 0 =*/8).uint32(message.requestId);
                if (message.code != null && $Object.hasOwnProperty.call(message, "code") && message.code !== 0)
                    writer.uint32(/* id 2, wireType 0 =*/16).uint32(message.code);
                if (message.message != null && $Object.hasOwnProperty.call(message, "message") && message.message !== "")
                    writer.uint32(/* id 3, wireType 2 =*/26).string(message.message);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a Result message from the specified reader or buffer.
             * @function decode
             * @memberof homing.device.Result
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {homing.device.Result & homing.device.Result.$Shape} Result
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Result.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.homing.device.Result();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.requestId = value;
                            else
                                delete message.requestId;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.code = value;
                            else
                                delete message.code;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.message = value;
                            else
                                delete message.message;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Gets the type url for Result
             * @function getTypeUrl
             * @memberof homing.device.Result
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Result.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/homing.device.Result";
            };

            return Result;
        })();

        return device;
    })();

    return homing;
})();

export {
  $root as default
};
