import Foundation
import GRDB
import RelanceCore

/// Addresses that keep being deferred: read from the attempts the cycle already recorded.
extension SQLiteStore {
    /// For each address of a message now `deferred` and not yet undeliverable, every finished attempt of
    /// the client's messages to that address, oldest first. Only the clients with a deferred message are
    /// read (few), never the whole history.
    public func deferredAddressAttempts() throws -> [AddressAttempts] {
        try writer.read { db in
            let deferred = try Row.fetchAll(
                db, sql: "SELECT id, client_id, recipients FROM messages WHERE state = 'deferred' ORDER BY id")
            guard !deferred.isEmpty else { return [] }
            let dead = Set(try String.fetchAll(db, sql: "SELECT address FROM undeliverable"))
            var waiting: [String: (client: ClientID, messages: [Int64])] = [:]
            for row in deferred {
                let client: ClientID = row["client_id"]
                for address in try StoreCodec.strings(json: row["recipients"], column: "messages.recipients") where !dead.contains(address) {
                    waiting[address, default: (client, [])].messages.append(row["id"])
                }
            }
            var result: [AddressAttempts] = []
            for client in Set(waiting.values.map(\.client)).sorted() {
                let rows = try Row.fetchAll(
                    db,
                    sql: """
                        SELECT a.outcome, a.code, a.reply, m.recipients FROM attempts a JOIN messages m ON m.id = a.message
                        WHERE m.client_id = ? AND a.outcome IS NOT NULL
                        ORDER BY a.finished_at, a.message, a.number
                        """,
                    arguments: [client])
                var byAddress: [String: [AddressDeferrals.Attempt]] = [:]
                for row in rows {
                    guard let outcome = MessageState(rawValue: row["outcome"]) else { continue }
                    let attempt = AddressDeferrals.Attempt(outcome: outcome, code: row["code"], reply: (row["reply"] as String?) ?? "")
                    for address in try StoreCodec.strings(json: row["recipients"], column: "messages.recipients")
                    where waiting[address]?.client == client {
                        byAddress[address, default: []].append(attempt)
                    }
                }
                for (address, attempts) in byAddress.sorted(by: { $0.key < $1.key }) {
                    result.append(AddressAttempts(
                        address: address, clientID: client, attempts: attempts, deferredMessages: waiting[address]?.messages ?? []))
                }
            }
            return result
        }
    }
}
