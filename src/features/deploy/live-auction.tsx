import type { ReactNode } from "react";
import { Card, CardBody } from "@/components/ui/card";
import { AuctionHeader } from "./auction-header";
import { BidFilterBar } from "./bid-filters";
import { BidGroups } from "./bid-groups";
import { NoBids } from "./no-bids";
import { SelectionFooter } from "./selection-footer";
import type { Auction } from "./use-auction";

/** The open auction: how bids arrive, filters, one table per order group, and accepting. */
export function LiveAuction({ auction, closeButton }: { auction: Auction; closeButton: ReactNode }) {
  const { bids, record } = auction;
  return (
    <Card>
      <CardBody>
        <AuctionHeader feed={auction.feed} remaining={auction.bidWindow.remaining} />
        <BidFilterBar filters={auction.filters} onChange={auction.setFilters} regions={bids.regions} gpuModels={bids.gpuModels} />
        <div className="mt-4 flex flex-col gap-4" data-testid="bid-groups">
          {bids.noBids && <NoBids hopeless={bids.hopeless} reasons={bids.reasons} templateId={record.data?.templateId} hasRecord={Boolean(record.data)} closeButton={closeButton} />}
          <BidGroups
            orderGroups={bids.orderGroups}
            groups={bids.groups}
            filters={auction.filters}
            noBids={bids.noBids}
            estimates={bids.estimates}
            online={bids.online}
            selected={auction.selected}
            onSelect={auction.select}
            disabled={auction.accepting}
          />
        </div>
        <SelectionFooter
          groups={bids.orderGroups.length}
          selectedCount={auction.selectedCount}
          complete={auction.complete}
          noBids={bids.noBids}
          hasManifest={Boolean(record.data)}
          accepting={auction.accepting}
          error={auction.acceptError}
          onAcceptCheapest={() => void auction.acceptCheapestAudited()}
          onAcceptSelected={() => void auction.acceptSelected()}
        />
      </CardBody>
    </Card>
  );
}
